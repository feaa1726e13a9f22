"""工作台 panels for heads and supervisors (issue 12 "Dashboards"): the supervisor's campaigns with progress,
reviews with them, objections, answers to accept and late rectifications; the reviewed agency's head's
notices and open objection window; the head's cases awaiting approval; the subtree's deadlines by agency
and kind linking to the lists they count. Scoped by ``visible_to``, nothing for roles they do not concern,
a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from supervision.services import rectifications, reviews

from .conftest import decide
from .helpers import make_campaign
from .test_reviews import _full_marks

pytestmark = pytest.mark.django_db
BOXES = ("supervision-todo", "supervision-agency", "subtree-deadlines", "case-approvals")


def _submitted(sw, review):
    r = reviews.assign_reviewer(review, sw.reviewer_b, actor=sw.p.supervisor)
    reviews.save_scores(r, _full_marks(r, low=4), actor=sw.reviewer_b)
    return reviews.submit_review(r, actor=sw.reviewer_b)


def build(sw, n_cases: int = 4, name: str = "s1"):
    """Four reviews of one campaign: r1 escalated rectification, r2 objected, r3 answered, r4 assigned."""
    p = sw.p
    cases = [decide(sw.cw) for _ in range(n_cases)]
    campaign = make_campaign(p.supervisor, [p.agencies.district_a], ratio=100, seed=name)
    rs = [campaign.reviews.get(case=c) for c in cases]
    r1, r2, r3 = (_submitted(sw, r) for r in rs[:3])
    rect1 = rectifications.issue_rectification(
        r1, actor=p.supervisor, findings="送达回证缺失", due_date=dt.date(2026, 6, 10)
    )
    rectifications.escalate_overdue(dt.date(2026, 6, 11))
    reviews.object_review(r2, actor=p.head, reason="评分有误")
    rect3 = rectifications.issue_rectification(
        r3, actor=p.supervisor, findings="立案审批表未载明立案依据", due_date=dt.date(2026, 6, 30)
    )
    rect3 = rectifications.answer_rectification(rect3, actor=p.head, answer="已补正")
    for r in rs[3:]:
        reviews.assign_reviewer(r, sw.reviewer_b, actor=p.supervisor)
    return campaign, rs, rect1, rect3


def page(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def box(text: str, ident: str) -> str:
    """The HTML of the card ``ident`` ('' when absent)."""
    start = text.find(f'id="{ident}"')
    if start < 0:
        return ""
    nxt = re.compile(r'<div class="card[ "]').search(text, start)
    return text[start : nxt.start() if nxt else None]


def ids(text: str, attr: str) -> set[int]:
    return {int(n) for n in re.findall(rf'{attr}="(\d+)"', text)}


def test_supervisor_panel(client, sw):
    campaign, rs, rect1, rect3 = build(sw)
    text = page(client, sw.p.supervisor)
    todo = box(text, "supervision-todo")
    assert ids(todo, "data-campaign") == {campaign.pk}
    assert "抽取 4 · 已分派 4 · 已提交 3 · 已锁定 3" in todo
    assert ids(todo, "data-objection") == {rs[1].pk} and "待指定复核人员" in todo
    assert ids(todo, "data-rectification") == {rect3.pk}
    assert ids(todo, "data-late") == {rect1.pk}
    assert ids(todo, "data-review") == set()  # the city's supervisor scores nothing himself
    # the reviewer (a supervisor of district B) sees the review with them and its campaign deadline
    mine = box(page(client, sw.reviewer_b), "supervision-todo")
    assert ids(mine, "data-review") == {rs[3].pk} and "评查期限 2026-07-31" in mine
    assert not ids(mine, "data-campaign") | ids(mine, "data-objection") | ids(mine, "data-late")


def test_reviewed_agency_head_panel(client, sw):
    _campaign, rs, rect1, rect3 = build(sw)
    text = page(client, sw.p.head)
    agency = box(text, "supervision-agency")
    assert ids(agency, "data-notice") == {rect1.pk}  # escalated: still to answer; the answered one is not
    assert "逾期未报送 · 整改期限 2026-06-10" in agency
    assert ids(agency, "data-objectable") == {rs[0].pk, rs[2].pk}  # r2 is objected already
    assert "supervision-todo" not in text  # not a supervisor
    # a head with nothing pending sees no box; an officer none of these boxes
    assert "supervision-agency" not in page(client, sw.p.head_b)
    officer = page(client, sw.p.officer1)
    assert not any(f'id="{b}"' in officer for b in BOXES)


def test_head_cases_awaiting_approval(client, sw):
    p = sw.p
    submitted = sw.cw.reach("submitted")
    # a street office's submitted case: the district head sees it in the list (subtree) but approves only
    # the district's own, so neither the count nor its link includes it
    street = sw.cw.reach("submitted")
    Case.objects.filter(pk=street.pk).update(deciding_agency=p.agencies.street_a)
    text = page(client, p.head)
    approvals = box(text, "case-approvals")
    assert ids(approvals, "data-case") == {submitted.pk} and "立案审批" in approvals
    link = html.unescape(re.search(r'href="(/cases/\?[^"]+)"', approvals).group(1))
    client.force_login(p.head)
    listed = re.findall(r'data-case="(\d+)"', client.get(link).content.decode())
    assert listed == [str(submitted.pk)]
    assert "case-approvals" not in page(client, p.supervisor)  # the city's supervisor decides nothing
    # after the waived defence, with neither 法制审核 nor discussion required: waits for the decision
    waived = sw.cw.reach("waived", amount=2000)
    assert not (waived.review_required or waived.collective_required)
    approvals = box(page(client, p.head), "case-approvals")
    assert ids(approvals, "data-case") == {submitted.pk, waived.pk}
    assert "待作出决定 <span" in approvals and "立案审批 <span" in approvals


def test_subtree_deadlines_by_agency_and_kind_link_to_their_rows(client, sw):
    build(sw)
    for user in (sw.p.supervisor, sw.p.head):
        text = box(page(client, user), "subtree-deadlines")
        links = re.findall(r'href="(/deadlines/\?[^"]+)"[^>]*>(\d+)</a>', text)
        assert links, text
        for url, count in links:
            rows = re.findall(r'data-deadline="(\d+)"', client.get(html.unescape(url)).content.decode())
            assert len(rows) == int(count), url
    # a rectification due within 3 working days shows under district A, by its kind; district B's head
    # does not see district A's deadlines at all
    case = decide(sw.cw)
    extra = make_campaign(sw.p.supervisor, [sw.p.agencies.district_a], ratio=100, seed="s9")
    late = _submitted(sw, extra.reviews.get(case=case))
    rectifications.issue_rectification(
        late, actor=sw.p.supervisor, findings="缺页", due_date=dt.date(2026, 6, 3)
    )
    mine = box(page(client, sw.p.head), "subtree-deadlines")
    assert re.search(r"<td>南京市浦口区应急管理局</td><td>案卷评查整改期限</td>", mine), mine
    assert "浦口区" not in box(page(client, sw.p.head_b), "subtree-deadlines")


def test_dashboard_queries_do_not_grow_with_data(client, sw):
    build(sw, n_cases=4, name="s1")
    counts = []
    for _round in range(2):
        for user in (sw.p.supervisor, sw.p.head, sw.reviewer_b):
            client.force_login(user)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/").status_code == 200
            counts.append(len(ctx.captured_queries))
        build(sw, n_cases=6, name="s2")
    assert counts[:3] == counts[3:], counts
