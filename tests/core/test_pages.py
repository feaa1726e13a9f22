"""Browser pages: enterprises (keyset pages, create/edit/import rights), catalog, agencies, public."""

import io

import pytest

from enforcement.core.models import AuditEvent, EnforcementItem, Enterprise
from enforcement.core.validators import make_credit_code
from tests.factories import AgencyPowerFactory, EnforcementItemFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_enterprise_list_keyset_pages_and_query_count(client, personas, django_assert_num_queries):
    rows = [EnterpriseFactory(agency=personas.agencies.district_a) for _ in range(5)]
    EnterpriseFactory(agency=personas.agencies.district_b)
    client.force_login(personas.officer1)
    # session, user with its agency (navbar, and the officer's only agency option), groups,
    # enterprise page, unread badge
    with django_assert_num_queries(5):
        r = client.get("/enterprises/?page_size=2")
    assert [e.pk for e in r.context["rows"]] == [rows[4].pk, rows[3].pk]
    assert r.context["next_url"] == f"?page_size=2&after={rows[3].pk}"
    assert r.context["prev_url"] == ""
    with django_assert_num_queries(5):
        r2 = client.get("/enterprises/" + r.context["next_url"])
    assert [e.pk for e in r2.context["rows"]] == [rows[2].pk, rows[1].pk]
    r3 = client.get("/enterprises/" + r2.context["prev_url"])
    assert [e.pk for e in r3.context["rows"]] == [rows[4].pk, rows[3].pk]
    r4 = client.get("/enterprises/?page_size=50&sector=other&q=" + rows[0].credit_code)
    assert [e.pk for e in r4.context["rows"]] == [rows[0].pk]
    assert [a.name for a in r.context["agency_options"]] == ["南京市浦口区应急管理局"]
    # a subtree role: the options are the agencies of the subtree (one query more), and the chosen
    # agency is checked against them (one more)
    client.force_login(personas.head)
    with django_assert_num_queries(7):
        r5 = client.get(f"/enterprises/?page_size=3&agency={personas.agencies.district_a.pk}")
    assert [a.name for a in r5.context["agency_options"]] == [
        "南京市浦口区应急管理局",
        "南京市浦口区江浦街道办事处",
    ]
    assert [e.pk for e in r5.context["rows"]] == [rows[4].pk, rows[3].pk, rows[2].pk]


def test_enterprise_detail_is_404_for_outsiders(client, personas):
    e = EnterpriseFactory(agency=personas.agencies.district_a)
    client.force_login(personas.officer_other)
    assert client.get(f"/enterprises/{e.pk}/").status_code == 404
    assert client.get(f"/enterprises/{e.pk}/edit/").status_code == 404
    client.force_login(personas.head)
    assert client.get(f"/enterprises/{e.pk}/").status_code == 200
    assert client.get(f"/enterprises/{e.pk}/edit/").status_code == 403
    assert client.get("/enterprises/new/").status_code == 403
    assert client.get("/enterprises/import/").status_code == 403


def test_officer_creates_and_edits_through_the_pages(client, personas):
    client.force_login(personas.officer1)
    code = make_credit_code("91320111MA1W00001")
    form = {
        "name": "南京页面化工有限公司",
        "credit_code": code,
        "agency": personas.agencies.district_a.pk,
        "sector": "hazchem",
        "scale": "small",
        "risk_class": "high",
        "standardization_level": "level3",
        "credit_status": "normal",
        "is_active": "on",
    }
    r = client.post("/enterprises/new/", form)
    e = Enterprise.objects.get(credit_code=code)
    assert r.status_code == 302 and r["Location"] == f"/enterprises/{e.pk}/"
    r = client.post(
        f"/enterprises/{e.pk}/edit/", {**form, "credit_code": code[:17] + ("0" if code[17] != "0" else "1")}
    )
    assert r.status_code == 200
    assert r.context["form"].errors["credit_code"][0].startswith("统一社会信用代码校验位错误")
    r = client.post(f"/enterprises/{e.pk}/edit/", {**form, "risk_class": "major"})
    assert r.status_code == 302
    e.refresh_from_db()
    assert e.risk_class == "major"
    assert list(AuditEvent.objects.order_by("seq").values_list("action", flat=True)) == [
        "enterprise.create",
        "enterprise.update",
    ]


def test_import_page_shows_the_row_report(client, personas):
    client.force_login(personas.officer1)
    good = make_credit_code("91320111MA1W00002")
    text = f"单位名称,统一社会信用代码\n好单位,{good}\n坏单位,91320111MA1W000030\n"
    upload = io.BytesIO(text.encode("utf-8-sig"))
    upload.name = "e.csv"
    r = client.post("/enterprises/import/", {"file": upload})
    assert r.status_code == 200
    report = r.context["report"]
    assert (report.created, report.rejected, report.errors[0].row) == (1, 1, 3)
    assert "第3行" in r.content.decode()


def test_catalog_pages_admin_only_writes(client, personas, django_assert_num_queries):
    items = [EnforcementItemFactory() for _ in range(3)]
    AgencyPowerFactory(agency=personas.agencies.district_a, item=items[0])
    client.force_login(personas.officer1)
    # session, user with its agency (navbar), groups (edit button), items, unread badge
    with django_assert_num_queries(5):
        r = client.get("/catalog/")
    assert r.status_code == 200
    with django_assert_num_queries(7):  # session, user+agency, groups, item, powers, changes, badge
        r = client.get(f"/catalog/{items[0].pk}/")
    assert r.status_code == 200
    for url in ("/catalog/new/", f"/catalog/{items[0].pk}/edit/", "/catalog/import/", "/catalog/export.xlsx"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/catalog/{items[0].pk}/suspend/", {"reason": "x"}).status_code == 403
    assert EnforcementItem.objects.get(pk=items[0].pk).status == "active"
    client.force_login(personas.cityadmin)
    assert client.post(f"/catalog/{items[0].pk}/suspend/", {"reason": "调整"}).status_code == 302
    assert EnforcementItem.objects.get(pk=items[0].pk).status == "suspended"
    r = client.get("/catalog/export.xlsx")
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_agency_pages(client, personas, django_assert_num_queries):
    import datetime as dt

    AgencyPowerFactory(agency=personas.agencies.district_a)
    AgencyPowerFactory(agency=personas.agencies.district_a)
    AgencyPowerFactory(agency=personas.agencies.district_b, valid_to=dt.date(2022, 1, 1))  # ended
    client.force_login(personas.assistant)
    client.get("/agencies/")
    # session, user with its agency, agencies, power counts, roles (audit nav), unread badge
    with django_assert_num_queries(6):
        r = client.get("/agencies/")
    assert [(row["agency"].code, row["powers"]) for row in r.context["rows"]] == [
        ("320000", 0),
        ("320100", 0),
        ("320111", 2),
        ("320111004", 0),
        ("320115", 0),
    ]
    r = client.get(f"/agencies/{personas.agencies.district_a.pk}/")
    assert [row["in_force"] for row in r.context["rows"]] == [True, True]


def test_public_pages_need_no_login_and_hide_cancelled_items(client):
    EnforcementItemFactory(code="YJ-1", name="有效事项")
    EnforcementItemFactory(code="YJ-2", name="已取消事项", status="cancelled")
    assert client.get("/public/").status_code == 200
    r = client.get("/public/catalog/")
    assert [i.code for i in r.context["items"]] == ["YJ-1"]
    assert client.get("/public/catalog/YJ-1/").status_code == 200
    assert client.get("/public/catalog/YJ-2/").status_code == 404
    assert client.get("/catalog/").status_code == 302  # the internal catalog needs a login
