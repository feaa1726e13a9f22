"""文书编号格式 maintenance (spec §4.2: pattern per agency × document kind): service, page and admin.

Who: agency admins for their agency and its subtree, and the superuser. Every refusal changes nothing
and writes no audit event.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from enforcement.core import roles
from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import AuditEvent, NumberingPattern
from enforcement.core.registry import REGISTRY, DocumentKind
from enforcement.core.services.numbering import allocate_number
from enforcement.core.services.numbering_patterns import (
    numbering_overview,
    reset_numbering_pattern,
    set_numbering_pattern,
)
from tests.factories import UserFactory
from tests.support.matrix import audit_state

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PENALTY = "（{short}）应急罚〔{year}〕{seq}号"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def kinds():
    """Two more registered document kinds besides core's 目录 (three rows on the page)."""
    added = {
        "TEST_PENALTY": DocumentKind("TEST_PENALTY", "测试行政处罚决定书", abbr="罚"),
        "TEST_RECTIFY": DocumentKind("TEST_RECTIFY", "测试责令限期整改指令书", abbr="责改"),
    }
    REGISTRY.document_kinds.update(added)
    yield added
    for code in added:
        REGISTRY.document_kinds.pop(code, None)


def patterns():
    return list(
        NumberingPattern.objects.order_by("id").values("agency_id", "kind", "pattern", "sequence_source")
    )


# --- service -------------------------------------------------------------------------------------


def test_city_admin_sets_a_district_pattern_and_numbers_follow_it(personas, kinds):
    a = personas.agencies
    row = set_numbering_pattern(
        a.district_a, "TEST_PENALTY", pattern="({short})应急罚[{year}]{seq:03d}号", actor=personas.cityadmin
    )
    assert (row.agency_id, row.kind, row.pattern, row.sequence_source) == (
        a.district_a.pk,
        "TEST_PENALTY",
        "({short})应急罚[{year}]{seq:03d}号",
        "counter",
    )
    event = AuditEvent.objects.get(action="numbering.set")
    assert (event.actor_id, event.agency_id_ref, event.object_id) == (
        personas.cityadmin.pk,
        a.district_a.pk,
        row.pk,
    )
    assert event.data == {
        "kind": "TEST_PENALTY",
        "pattern": [None, "({short})应急罚[{year}]{seq:03d}号"],
        "sequence_source": [None, "counter"],
    }
    assert allocate_number(a.district_a, "TEST_PENALTY", 2026) == (1, "（浦）应急罚〔2026〕001号")
    assert allocate_number(a.district_b, "TEST_PENALTY", 2026) == (1, "（江）应急罚〔2026〕1号")  # default


def test_changing_the_pattern_keeps_the_counter(personas, kinds):
    a = personas.agencies
    assert allocate_number(a.district_a, "TEST_PENALTY", 2026) == (1, "（浦）应急罚〔2026〕1号")
    set_numbering_pattern(
        a.district_a, "TEST_PENALTY", pattern="（{short}）应急罚〔{year}〕k-{seq}号", actor=personas.admin
    )
    assert allocate_number(a.district_a, "TEST_PENALTY", 2026) == (2, "（浦）应急罚〔2026〕k-2号")
    set_numbering_pattern(a.district_a, "TEST_PENALTY", pattern=PENALTY, actor=personas.admin)
    event = AuditEvent.objects.filter(action="numbering.set").order_by("-seq").first()
    assert event.data["pattern"] == ["（{short}）应急罚〔{year}〕k-{seq}号", PENALTY]


def test_setting_the_same_pattern_again_records_nothing(personas, kinds):
    a = personas.agencies
    set_numbering_pattern(a.district_a, "TEST_PENALTY", pattern=PENALTY, actor=personas.cityadmin)
    before = audit_state()
    set_numbering_pattern(a.district_a, "TEST_PENALTY", pattern=f"  {PENALTY} ", actor=personas.cityadmin)
    assert audit_state() == before


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("（{short}）应急罚〔{year}〕号", "编号格式“（{short}）应急罚〔{year}〕号”缺少序号占位符 {seq}"),
        (
            "（{short}）应急罚〔{year}〕{n}{seq}号",
            "编号格式“（{short}）应急罚〔{year}〕{n}{seq}号”含未知占位符：n（可用 short、year、seq、code）",
        ),
        ("（{short}）应急罚〔{year}〕{seq号", "编号格式“（{short}）应急罚〔{year}〕{seq号”的花括号不配对"),
        (
            "（{short}）应急罚〔{year}〕{seq:x9}号",
            "编号格式“（{short}）应急罚〔{year}〕{seq:x9}号”无法使用：Invalid format specifier 'x9' for object of type 'int'",
        ),
        ("   ", "请填写编号格式"),
        ("{seq}" + "号" * 100, "编号格式不能超过100个字符"),
        ("应急罚/{year}/{seq}号", "编号格式不能包含“/”或“\\”（文书编号会出现在文件名和链接中）"),
        ("应急罚\x1b{seq}号", "含有不可见的控制字符（U+001B），请删除后重新输入"),
    ],
)
def test_bad_patterns_are_refused_and_change_nothing(personas, kinds, pattern, message):
    before = (patterns(), audit_state())
    with pytest.raises(InvalidInput) as exc:
        set_numbering_pattern(
            personas.agencies.district_a, "TEST_PENALTY", pattern=pattern, actor=personas.cityadmin
        )
    assert (exc.value.code, exc.value.message, exc.value.fields) == (
        "invalid_pattern",
        message,
        {"pattern": [message]},
    )
    assert (patterns(), audit_state()) == before


def test_unknown_kind_and_source_are_refused(personas, kinds):
    before = (patterns(), audit_state())
    with pytest.raises(InvalidInput) as exc:
        set_numbering_pattern(personas.agencies.district_a, "NOPE", pattern=PENALTY, actor=personas.admin)
    assert exc.value.message == "未登记的文书种类：NOPE"
    with pytest.raises(InvalidInput) as exc:
        set_numbering_pattern(
            personas.agencies.district_a,
            "TEST_PENALTY",
            pattern=PENALTY,
            sequence_source="x",
            actor=personas.admin,
        )
    assert exc.value.message == "序号来源“x”无效"
    assert (patterns(), audit_state()) == before


@pytest.mark.parametrize(
    "who", ["officer1", "head", "supervisor", "assistant", "officer_other", "district_b_admin"]
)
def test_only_managers_of_the_agency_may_set_or_reset(personas, kinds, who):
    a = personas.agencies
    actor = (
        UserFactory(username="admin_b", agency=a.district_b, roles=[roles.AGENCY_ADMIN])
        if who == "district_b_admin"
        else getattr(personas, who)
    )
    set_numbering_pattern(a.district_a, "TEST_PENALTY", pattern=PENALTY, actor=personas.cityadmin)
    before = (patterns(), audit_state())
    with pytest.raises(NotAllowed) as exc:
        set_numbering_pattern(a.district_a, "TEST_PENALTY", pattern="{seq}", actor=actor)
    assert exc.value.message == "只有本机构或上级机构的系统管理员可以设置文书编号格式"
    with pytest.raises(NotAllowed):
        reset_numbering_pattern(a.district_a, "TEST_PENALTY", actor=actor)
    assert (patterns(), audit_state()) == before


def test_city_admin_may_not_set_the_province_pattern(personas, kinds):
    before = (patterns(), audit_state())
    with pytest.raises(NotAllowed):
        set_numbering_pattern(
            personas.agencies.province, "TEST_PENALTY", pattern=PENALTY, actor=personas.cityadmin
        )
    assert (patterns(), audit_state()) == before


def test_reset_returns_to_the_registered_default(personas, kinds):
    a = personas.agencies
    set_numbering_pattern(a.district_a, "TEST_PENALTY", pattern="浦罚{seq}", actor=personas.cityadmin)
    assert reset_numbering_pattern(a.district_a, "TEST_PENALTY", actor=personas.cityadmin) is True
    assert patterns() == []
    event = AuditEvent.objects.get(action="numbering.reset")
    assert event.data == {"kind": "TEST_PENALTY", "pattern": "浦罚{seq}", "sequence_source": "counter"}
    before = audit_state()
    assert reset_numbering_pattern(a.district_a, "TEST_PENALTY", actor=personas.cityadmin) is False
    assert audit_state() == before
    assert allocate_number(a.district_a, "TEST_PENALTY", 2026) == (1, "（浦）应急罚〔2026〕1号")


def test_overview_lists_every_kind_with_its_example(personas, kinds):
    a = personas.agencies
    set_numbering_pattern(
        a.district_a,
        "TEST_RECTIFY",
        pattern="（{short}）应急{code}〔{year}〕执法一中队-{seq}号",
        sequence_source="case",
        actor=personas.admin,
    )
    rows = numbering_overview(a.district_a)
    # every registered kind, in code order, each with an example of the number it would get
    assert [r.kind for r in rows] == sorted(REGISTRY.document_kinds)
    assert all(r.example for r in rows)
    got = {r.kind: (r.configured, r.sequence_source, r.example) for r in rows}
    for kind, expected in {
        "TEST_PENALTY": (False, "counter", "（浦）应急罚〔2026〕1号"),
        "TEST_RECTIFY": (True, "case", "（浦）应急责改〔2026〕执法一中队-1号"),
        "case": (False, "counter", "（浦）应急立〔2026〕1号"),
        "case_filing": (False, "counter", "（浦）应急立〔2026〕1号"),
        "catalog": (False, "counter", "（浦）应急目录〔2026〕1号"),
        "inspection_record": (False, "counter", "（浦）应急现记〔2026〕1号"),
        "no_penalty_decision": (False, "counter", "（浦）应急不罚〔2026〕1号"),
        "penalty_decision": (False, "counter", "（浦）应急罚〔2026〕1号"),
        "penalty_notice": (False, "counter", "（浦）应急罚告〔2026〕1号"),
        "case_closing": (False, "counter", "（浦）应急结〔2026〕1号"),
        "rectification_order": (False, "counter", "（浦）应急责改〔2026〕1号"),
    }.items():
        assert got[kind] == expected, kind


# --- page ----------------------------------------------------------------------------------------


def url(agency):
    return f"/agencies/{agency.pk}/numbering/"


def test_page_is_readable_by_every_logged_in_user_in_fixed_queries(
    client, personas, kinds, django_assert_num_queries
):
    a = personas.agencies
    set_numbering_pattern(a.district_a, "TEST_PENALTY", pattern="浦罚{seq}", actor=personas.admin)
    client.force_login(personas.officer_other)
    # session, user with its agency, agency, patterns, roles (may edit? / audit nav), unread badge
    with django_assert_num_queries(6):
        response = client.get(url(a.district_a))
    assert response.status_code == 200
    html = response.content.decode()
    examples = {r.kind: r.example for r in response.context["rows"]}
    assert list(examples) == sorted(REGISTRY.document_kinds)
    assert examples["TEST_PENALTY"] == "浦罚1" and examples["penalty_decision"] == "（浦）应急罚〔2026〕1号"
    assert response.context["may_edit"] is False
    assert 'id="numbering-form"' not in html and "恢复默认" not in html
    assert client.get("/agencies/999999/numbering/").status_code == 404
    client.logout()
    assert client.get(url(a.district_a))["Location"] == f"/accounts/login/?next={url(a.district_a)}"


@pytest.mark.parametrize("who", ["officer1", "head", "supervisor", "officer_other"])
def test_page_post_without_the_role_is_403_and_changes_nothing(client, personas, kinds, who):
    before = (patterns(), audit_state())
    client.force_login(getattr(personas, who))
    response = client.post(
        url(personas.agencies.district_a),
        {"op": "set", "kind": "TEST_PENALTY", "pattern": PENALTY, "sequence_source": "counter"},
    )
    assert response.status_code == 403
    assert (patterns(), audit_state()) == before


def test_anonymous_post_goes_to_login_and_changes_nothing(client, personas, kinds):
    before = (patterns(), audit_state())
    response = client.post(
        url(personas.agencies.district_a), {"op": "set", "kind": "TEST_PENALTY", "pattern": PENALTY}
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert (patterns(), audit_state()) == before


@pytest.mark.parametrize("who", ["cityadmin", "admin"])
def test_managers_set_and_reset_through_the_page(client, personas, kinds, who):
    a = personas.agencies
    client.force_login(getattr(personas, who))
    page = client.get(url(a.district_a))
    assert page.context["may_edit"] is True
    response = client.post(
        url(a.district_a),
        {
            "op": "set",
            "kind": "TEST_PENALTY",
            "pattern": "(浦)罚[{year}]{seq}号",
            "sequence_source": "counter",
        },
    )
    assert (response.status_code, response["Location"]) == (302, url(a.district_a))
    assert patterns() == [
        {
            "agency_id": a.district_a.pk,
            "kind": "TEST_PENALTY",
            "pattern": "(浦)罚[{year}]{seq}号",
            "sequence_source": "counter",
        }
    ]
    html = client.get(url(a.district_a)).content.decode()
    assert "（浦）罚〔2026〕1号" in html and "本机构设置" in html
    response = client.post(url(a.district_a), {"op": "reset", "kind": "TEST_PENALTY"})
    assert response.status_code == 302
    assert patterns() == []
    assert list(AuditEvent.objects.order_by("seq").values_list("action", "actor__username")) == [
        ("numbering.set", who),
        ("numbering.reset", who),
    ]


def test_page_shows_the_chinese_error_for_a_bad_pattern(client, personas, kinds):
    client.force_login(personas.cityadmin)
    before = (patterns(), audit_state())
    response = client.post(
        url(personas.agencies.district_a),
        {
            "op": "set",
            "kind": "TEST_PENALTY",
            "pattern": "（{short}）应急罚〔{year}〕号",
            "sequence_source": "counter",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "pattern": ["编号格式“（{short}）应急罚〔{year}〕号”缺少序号占位符 {seq}"]
    }
    assert "缺少序号占位符" in response.content.decode()
    assert (patterns(), audit_state()) == before


def test_agency_detail_links_to_the_numbering_page(client, personas):
    client.force_login(personas.officer1)
    html = client.get(f"/agencies/{personas.agencies.district_a.pk}/").content.decode()
    assert f'href="/agencies/{personas.agencies.district_a.pk}/numbering/"' in html


# --- Django admin (superuser) ----------------------------------------------------------------------


def test_admin_adds_changes_and_deletes_through_the_service(client, personas, kinds):
    a = personas.agencies
    client.force_login(personas.admin)
    response = client.post(
        "/admin/core/numberingpattern/add/",
        {
            "agency": a.district_b.pk,
            "kind": "TEST_PENALTY",
            "pattern": "（{short}）应急罚〔{year}〕{seq}号",
            "sequence_source": "counter",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = NumberingPattern.objects.get()
    response = client.post(
        f"/admin/core/numberingpattern/{row.pk}/change/", {"pattern": "江罚{seq}", "sequence_source": "case"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.pattern, row.sequence_source) == ("江罚{seq}", "case")
    response = client.post(f"/admin/core/numberingpattern/{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert patterns() == []
    assert list(AuditEvent.objects.order_by("seq").values_list("action", "agency_id_ref")) == [
        ("numbering.set", a.district_b.pk),
        ("numbering.set", a.district_b.pk),
        ("numbering.reset", a.district_b.pk),
    ]


def test_admin_refuses_a_bad_pattern_with_a_form_error(client, personas, kinds):
    client.force_login(personas.admin)
    before = (patterns(), audit_state())
    response = client.post(
        "/admin/core/numberingpattern/add/",
        {
            "agency": personas.agencies.district_b.pk,
            "kind": "TEST_PENALTY",
            "pattern": "（{short}）{x}{seq}",
            "sequence_source": "counter",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["pattern"] == [
        "编号格式“（{short}）{x}{seq}”含未知占位符：x（可用 short、year、seq、code）"
    ]
    assert (patterns(), audit_state()) == before


def test_agency_admins_have_no_numbering_admin(client, personas, kinds):
    client.force_login(personas.cityadmin)
    response = client.get("/admin/core/numberingpattern/")  # /admin/ is the superuser's only
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
