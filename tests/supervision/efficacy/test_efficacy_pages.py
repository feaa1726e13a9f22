"""Pages of the 执法效能评估: permission matrix (supervisor of the subtree, head, officer of another agency,
legal reviewer, anonymous) for the list, the build, the evaluation, the PDF and the drill-downs; the
drill-down scoped by the records' own visible_to; the evaluation page's query count independent of the
number of agencies; the dashboard panel of lagging figures; the link from the supervision index."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from enforcement.core.models import Agency
from supervision.services.efficacy import build_evaluation
from tests.supervision.efficacy.conftest import H1

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(eworld, after_h1, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    p, a = eworld.p, eworld.p.agencies
    city = build_evaluation(agency=a.city, period=H1, actor=p.supervisor)
    district = build_evaluation(agency=a.district_a, period=H1, actor=p.head)
    return eworld, city, district


API = "/api/v1/efficacy-evaluations/"


def _api(user):
    c = APIClient()
    if user is not None:
        c.force_authenticate(user)
    return c


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_permission_matrix(client, built):
    w, city, district = built
    p = w.p
    urls = {
        "list": reverse("supervision:efficacy_list"),
        "city": reverse("supervision:efficacy_detail", args=[city.pk]),
        "city_pdf": reverse("supervision:efficacy_pdf", args=[city.pk]),
        "city_drill": reverse("supervision:efficacy_drill", args=[city.pk, "filed", "num"])
        + f"?agency={p.agencies.district_a.pk}",
        "district": reverse("supervision:efficacy_detail", args=[district.pk]),
        "district_pdf": reverse("supervision:efficacy_pdf", args=[district.pk]),
        "district_drill": reverse("supervision:efficacy_drill", args=[district.pk, "hazards_on_time", "den"])
        + f"?agency={p.agencies.district_a.pk}",
    }
    expected = {
        "supervisor": (p.supervisor, dict.fromkeys(urls, 200)),
        "head": (p.head, {**dict.fromkeys(urls, 200), "city": 404, "city_pdf": 404, "city_drill": 404}),
        "officer_other": (p.officer_other, {**dict.fromkeys(urls, 404), "list": 403}),
        "reviewer": (p.reviewer, {**dict.fromkeys(urls, 404), "list": 403}),
        "head_b": (p.head_b, {**dict.fromkeys(urls, 404), "list": 200}),
    }
    for who, (user, codes) in expected.items():
        for name, url in urls.items():
            assert _get(client, user, url).status_code == codes[name], (who, name)
    for name, url in urls.items():
        r = _get(client, None, url)
        assert r.status_code == 302 and "/login" in r["Location"], name
    # build: only for one's own subtree
    client.force_login(p.head)
    r = client.post(reverse("supervision:efficacy_build"), {"agency": p.agencies.city.pk, "period": H1.code})
    assert r.status_code == 403
    client.force_login(p.officer_other)
    r = client.post(
        reverse("supervision:efficacy_build"), {"agency": p.agencies.district_b.pk, "period": H1.code}
    )
    assert r.status_code == 403
    client.force_login(p.supervisor)  # a forged period is refused with a message, never a 500
    for period in ("0000H1", "2026H3", ""):
        r = client.post(
            reverse("supervision:efficacy_build"),
            {"agency": p.agencies.city.pk, "period": period},
            follow=True,
        )
        assert r.status_code == 200 and "请选择机关和半年度" in r.content.decode(), period
    # /api/v1/efficacy-evaluations/: read-only, scoped like the pages
    ids = lambda u: [e["id"] for e in _api(u).get(API).json()["results"]]  # noqa: E731
    assert _api(None).get(API).status_code == 401
    assert _api(p.officer_other).get(API).status_code == 403
    assert _api(p.reviewer).get(f"{API}{district.pk}/").status_code == 404
    assert sorted(ids(p.supervisor)) == sorted([city.pk, district.pk]) and ids(p.head) == [district.pk]
    assert ids(p.head_b) == [] and sorted(ids(p.admin)) == sorted([city.pk, district.pk])
    assert _api(p.head).get(f"{API}{city.pk}/").status_code == 404
    body = _api(p.head).get(f"{API}{district.pk}/").json()
    assert body["period"] == "2026H1" and body["agency"] == "320111"
    row = next(r for r in body["rows"] if r["agency"] == "320111")
    assert row["figures"]["hazards_on_time"] == {"numerator": 1, "denominator": 3, "value": "33.3"}
    assert _api(p.head).post(API, {}).status_code == 405
    # what the supervisor sees: figures, lagging cells, charts from static/vendor, drill-downs, PDF, index link
    client.force_login(p.supervisor)
    page = client.get(reverse("supervision:efficacy_detail", args=[city.pk])).content.decode()
    assert "南京市浦口区应急管理局" in page and "隐患按期整改率" in page
    assert "table-warning" in page and "efficacy-chart-data" in page
    assert "vendor/echarts/echarts.min.js" in page and "cdn" not in page.lower()
    drill = reverse("supervision:efficacy_drill", args=[city.pk, "hazards_on_time", "den"])
    body = client.get(drill + f"?agency={p.agencies.district_a.pk}").content.decode()
    assert 'id="drill-count">3<' in body and 'id="drill-stored">3<' in body
    total = reverse("supervision:efficacy_drill", args=[city.pk, "filed", "num"])
    body = client.get(total + f"?agency={p.agencies.city.pk}&subtree=1").content.decode()
    assert 'id="drill-count">3<' in body and 'id="drill-stored">3<' in body
    assert client.get(drill + "?agency=999999").status_code == 404
    assert client.get(reverse("supervision:efficacy_drill", args=[city.pk, "nope", "den"])).status_code == 404
    pdf = client.get(reverse("supervision:efficacy_pdf", args=[city.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    index = client.get(reverse("supervision:index")).content.decode()
    assert reverse("supervision:efficacy_list") in index
    url = reverse("supervision:efficacy_drill", args=[city.pk, "days_to_decision", "den"])
    body = client.get(url + f"?agency={p.agencies.district_b.pk}").content.decode()
    assert 'id="drill-count">1<' in body and "丙公司" in body
    # the dashboard panel of lagging figures: heads and supervisors only
    body = client.get("/").content.decode()
    assert 'id="efficacy-lagging-panel"' in body
    assert reverse("supervision:efficacy_detail", args=[city.pk]) in body
    client.force_login(p.head)
    body = client.get("/").content.decode()
    assert reverse("supervision:efficacy_detail", args=[district.pk]) in body
    client.force_login(p.officer1)
    assert 'id="efficacy-lagging-panel"' not in client.get("/").content.decode()


def test_publish_build_and_query_count(client, built):
    w, city, _ = built
    client.force_login(w.p.supervisor)
    r = client.post(reverse("supervision:efficacy_publish", args=[city.pk]))
    assert r.status_code == 302
    city.refresh_from_db()
    assert city.published
    page = client.get(reverse("supervision:efficacy_detail", args=[city.pk])).content.decode()
    assert "已发布" in page and 'id="efficacy-publish"' not in page
    r = client.post(
        reverse("supervision:efficacy_build"), {"agency": w.p.agencies.district_b.pk, "period": H1.code}
    )
    assert r.status_code == 302 and "/efficacy/" in r["Location"]
    # the evaluation page's query count does not grow with the number of agencies
    p = w.p
    ev_b = build_evaluation(agency=p.agencies.district_b, period=H1, actor=p.supervisor)
    client.force_login(p.supervisor)
    url = reverse("supervision:efficacy_detail", args=[ev_b.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(6):
        Agency.objects.create(
            code=f"3201{i:02d}9",
            name=f"新增机构{i}",
            short_name=f"新{i}",
            level="district",
            parent=p.agencies.district_b,
        )
    ev_b = build_evaluation(agency=p.agencies.district_b, period=H1, actor=p.supervisor)
    assert ev_b.rows.count() == 7
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small) <= 12


def test_a_published_evaluation_reaches_the_agencies_it_ranks(client, built):
    """The 通报: once the city publishes its evaluation, the heads of the districts it ranks read it (page,
    PDF, API, their own district's drill-down — records as they may see them) and their dashboard lists the
    lagging figures of their own part only; a draft stays with the city; officers still see nothing."""
    w, city, district = built
    p = w.p
    detail = reverse("supervision:efficacy_detail", args=[city.pk])
    assert _get(client, p.head_b, detail).status_code == 404  # a draft: the evaluating side only
    client.force_login(p.supervisor)
    assert client.post(reverse("supervision:efficacy_publish", args=[city.pk])).status_code == 302
    drill = reverse("supervision:efficacy_drill", args=[city.pk, "days_to_decision", "den"])
    for head, own in ((p.head, p.agencies.district_a), (p.head_b, p.agencies.district_b)):
        assert _get(client, head, detail).status_code == 200
        assert _get(client, head, reverse("supervision:efficacy_pdf", args=[city.pk])).status_code == 200
        assert _api(head).get(f"{API}{city.pk}/").status_code == 200
        assert _get(client, head, drill + f"?agency={own.pk}").status_code == 200
    body = _get(client, p.head_b, drill + f"?agency={p.agencies.district_b.pk}").content.decode()
    assert 'id="drill-count">1<' in body and "丙公司" in body
    body = _get(client, p.head_b, drill + f"?agency={p.agencies.district_a.pk}").content.decode()
    assert "丙公司" not in body  # another district's records stay out of sight
    for user in (p.officer1, p.officer_other, p.reviewer):
        assert _get(client, user, detail).status_code == 404
    lagging = {r.agency.name for r in city.rows.select_related("agency") if r.lagging}
    others = lagging - {p.agencies.district_b.name}
    panel = _get(client, p.head_b, "/").content.decode()
    assert 'id="efficacy-lagging-panel"' in panel
    box = panel.split('id="efficacy-lagging-panel"')[1].split("</ul>")[0]
    listed = set(re.findall(r'<li class="list-group-item"><a href="[^"]+">([^<]+)</a>', box))
    assert others and listed <= {p.agencies.district_b.name} and not listed & others
