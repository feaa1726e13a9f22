"""API: permission matrix for every core endpoint, scope per persona, filters, exact query counts, docs."""

import re

import pytest

from enforcement.core.models import AuditEvent, EnforcementItem, Enterprise
from enforcement.core.validators import make_credit_code
from tests.factories import EnforcementItemFactory, EnterpriseFactory
from tests.support.matrix import assert_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(personas):
    a = personas.agencies
    return {
        "ent_a": EnterpriseFactory(
            name="浦口甲化工有限公司", agency=a.district_a, sector="hazchem", risk_class="major", is_key=True
        ),
        "ent_a2": EnterpriseFactory(name="浦口乙机械有限公司", agency=a.district_a, sector="machinery"),
        "ent_street": EnterpriseFactory(name="江浦丙商贸有限公司", agency=a.street_a, sector="trade"),
        "ent_b": EnterpriseFactory(name="江宁丁化工有限公司", agency=a.district_b, sector="hazchem"),
        "ent_city": EnterpriseFactory(name="南京市属戊公司", agency=a.city),
        "item": EnforcementItemFactory(code="YJ-JC-001", name="监督检查", kind="inspection"),
    }


def enterprise_state():
    return list(Enterprise.objects.order_by("id").values())


def item_state():
    return list(EnforcementItem.objects.order_by("id").values()), list(
        EnforcementItem.objects.values_list("changes__id", flat=True)
    )


READ_ALL = {
    "anonymous": 401,
    "officer1": 200,
    "assistant": 200,
    "officer_other": 200,
    "head": 200,
    "admin": 200,
}


def test_reference_data_is_readable_by_every_logged_in_user(client, personas, data):
    a = personas.agencies
    item = data["item"]
    for url in (
        "/api/v1/agencies/",
        f"/api/v1/agencies/{a.district_b.pk}/",
        f"/api/v1/agencies/{a.district_b.pk}/powers/",
        f"/api/v1/agencies/{a.district_b.pk}/may-act/?item={item.code}&on=2025-01-01",
        "/api/v1/enforcement-items/",
        f"/api/v1/enforcement-items/{item.pk}/",
        f"/api/v1/enforcement-items/{item.pk}/changes/",
    ):
        assert_matrix(client, "get", url, READ_ALL, personas=personas)


def test_agencies_are_read_only(client, personas, data):
    from tests.support.matrix import audit_state

    before = audit_state()
    client.force_login(personas.admin)
    assert client.post("/api/v1/agencies/", {}, content_type="application/json").status_code == 405
    assert (
        client.patch(
            f"/api/v1/agencies/{personas.agencies.city.pk}/", {}, content_type="application/json"
        ).status_code
        == 405
    )
    assert audit_state() == before


def test_enterprise_list_scope_per_persona(client, personas, data):
    d = data
    expected = {
        "officer1": [d["ent_a"], d["ent_a2"]],
        "officer2": [d["ent_a"], d["ent_a2"]],
        "reviewer": [d["ent_a"], d["ent_a2"]],
        "assistant": [d["ent_a"], d["ent_a2"]],
        "expired": [d["ent_a"], d["ent_a2"]],
        "head": [d["ent_a"], d["ent_a2"], d["ent_street"]],
        "officer_other": [d["ent_b"]],
        "head_b": [d["ent_b"]],
        "supervisor": [d["ent_a"], d["ent_a2"], d["ent_street"], d["ent_b"], d["ent_city"]],
        "cityadmin": [d["ent_a"], d["ent_a2"], d["ent_street"], d["ent_b"], d["ent_city"]],
        "admin": [d["ent_a"], d["ent_a2"], d["ent_street"], d["ent_b"], d["ent_city"]],
    }
    for name, rows in expected.items():
        client.force_login(getattr(personas, name))
        got = [r["id"] for r in client.get("/api/v1/enterprises/").json()["results"]]
        assert got == sorted((e.pk for e in rows), reverse=True), name


def test_enterprise_detail_matrix(client, personas, data):
    url = f"/api/v1/enterprises/{data['ent_a'].pk}/"
    assert_matrix(
        client,
        "get",
        url,
        {
            "anonymous": 401,
            "officer_other": 404,
            "head_b": 404,
            "assistant": 200,
            "officer1": 200,
            "head": 200,
            "supervisor": 200,
            "admin": 200,
        },
        personas=personas,
    )


def test_enterprise_update_matrix(client, personas, data):
    url = f"/api/v1/enterprises/{data['ent_a'].pk}/"
    responses = assert_matrix(
        client,
        "patch",
        url,
        {
            "anonymous": 401,
            "officer_other": 404,  # outsider: may not even see it
            "head_b": 404,
            "head": 403,  # in scope without the role
            "supervisor": 403,
            "reviewer": 403,
            "assistant": 403,
            "officer1": 200,  # in scope with the role
            "cityadmin": 200,
            "admin": 200,
        },
        personas=personas,
        data=lambda name: {"contact_name": f"联系人-{name}"},
        state=enterprise_state,
    )
    assert responses["officer1"].json()["contact_name"] == "联系人-officer1"
    assert responses["head"].json() == {"code": "permission_denied", "detail": "无权执行此操作", "fields": {}}
    data["ent_a"].refresh_from_db()
    assert data["ent_a"].contact_name == "联系人-admin"


def test_enterprise_create_matrix(client, personas, data):
    a = personas.agencies
    codes = {
        name: make_credit_code(f"91320111MA1Y{i:05d}")
        for i, name in enumerate(["officer1", "cityadmin", "admin", "x"])
    }

    def body(name):
        return {
            "name": f"新登记单位-{name}",
            "credit_code": codes.get(name, codes["x"]),
            "agency": a.district_a.pk,
            "sector": "hazchem",
        }

    assert_matrix(
        client,
        "post",
        "/api/v1/enterprises/",
        {
            "anonymous": 401,
            "head": 403,
            "supervisor": 403,
            "assistant": 403,
            "officer_other": 403,
            "officer1": 201,
            "cityadmin": 201,
            "admin": 201,
        },
        personas=personas,
        data=body,
        state=enterprise_state,
    )
    assert sorted(
        Enterprise.objects.filter(name__startswith="新登记单位").values_list("name", flat=True)
    ) == [
        "新登记单位-admin",
        "新登记单位-cityadmin",
        "新登记单位-officer1",
    ]


def test_enterprise_create_bad_code_is_400_with_chinese_field_error(client, personas, data):
    client.force_login(personas.officer1)
    before = Enterprise.objects.count()
    r = client.post(
        "/api/v1/enterprises/",
        {"name": "某公司", "credit_code": "91110108551385082A", "agency": personas.agencies.district_a.pk},
        content_type="application/json",
    )
    assert r.status_code == 400
    assert r.json()["fields"] == {"credit_code": ["统一社会信用代码校验位错误：第18位应为Q，实为A，请核对。"]}
    assert Enterprise.objects.count() == before


def test_enterprise_filters(client, personas, data):
    d = data
    client.force_login(personas.supervisor)

    def ids(query):
        return [r["id"] for r in client.get("/api/v1/enterprises/" + query).json()["results"]]

    assert ids("?sector=hazchem") == [d["ent_b"].pk, d["ent_a"].pk]
    assert ids("?risk_class=major") == [d["ent_a"].pk]
    assert ids("?is_key=true") == [d["ent_a"].pk]
    assert ids(f"?agency={personas.agencies.street_a.pk}") == [d["ent_street"].pk]
    assert ids("?q=机械") == [d["ent_a2"].pk]
    assert ids(f"?q={d['ent_b'].credit_code.lower()}") == [d["ent_b"].pk]


def test_cursor_pagination_has_next_and_previous_links(client, personas, data):
    client.force_login(personas.admin)
    page1 = client.get("/api/v1/enterprises/?page_size=2").json()
    assert [r["id"] for r in page1["results"]] == [data["ent_city"].pk, data["ent_b"].pk]
    assert page1["previous"] is None
    page2 = client.get(page1["next"]).json()
    assert [r["id"] for r in page2["results"]] == [data["ent_street"].pk, data["ent_a2"].pk]
    assert page2["previous"] is not None


def test_enforcement_item_write_matrix(client, personas, data):
    item = data["item"]
    assert_matrix(
        client,
        "patch",
        f"/api/v1/enforcement-items/{item.pk}/",
        {"anonymous": 401, "officer1": 403, "head": 403, "supervisor": 403, "cityadmin": 200, "admin": 200},
        personas=personas,
        data=lambda name: {"note": f"备注-{name}"},
        state=item_state,
    )
    assert_matrix(
        client,
        "post",
        "/api/v1/enforcement-items/",
        {"anonymous": 401, "officer1": 403, "head": 403, "cityadmin": 201, "admin": 201},
        personas=personas,
        data=lambda name: {
            "code": f"YJ-NEW-{name}",
            "name": "新事项",
            "kind": "penalty",
            "legal_basis": "某法第一条",
            "effective_from": "2025-01-01",
        },
        state=item_state,
    )
    assert_matrix(
        client,
        "post",
        f"/api/v1/enforcement-items/{item.pk}/suspend/",
        {"anonymous": 401, "officer1": 403, "supervisor": 403, "cityadmin": 200, "admin": 409},
        personas=personas,
        data={"reason": "调整"},
        state=item_state,
    )
    item.refresh_from_db()
    assert item.status == "suspended"
    kinds = list(item.changes.order_by("id").values_list("change_kind", flat=True))
    assert kinds == ["updated", "updated", "status"]


def test_enforcement_item_filters(client, personas, data):
    EnforcementItemFactory(code="YJ-CF-099", name="警示标志处罚", kind="penalty")
    EnforcementItemFactory(code="YJ-XK-001", name="危险化学品经营许可", kind="licensing", status="suspended")
    client.force_login(personas.officer1)

    def codes(query):
        return [r["code"] for r in client.get("/api/v1/enforcement-items/" + query).json()["results"]]

    assert codes("?kind=licensing") == ["YJ-XK-001"]
    assert codes("?status=suspended") == ["YJ-XK-001"]
    assert codes("?q=警示") == ["YJ-CF-099"]


def test_token_authentication_works(client, personas, data):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=personas.officer1)
    r = client.get("/api/v1/enterprises/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert r.status_code == 200
    assert len(r.json()["results"]) == 2
    r = client.get("/api/v1/enterprises/")
    assert (r.status_code, r.json()) == (
        401,
        {"code": "not_authenticated", "detail": "请先登录", "fields": {}},
    )


def test_enterprise_list_and_detail_query_counts(client, personas, data, django_assert_num_queries):
    for _ in range(5):
        EnterpriseFactory(agency=personas.agencies.district_a)
    client.force_login(personas.officer1)
    # session, user, role groups, page of enterprises (joined with agency)
    with django_assert_num_queries(4):
        r = client.get("/api/v1/enterprises/?page_size=3")
    assert len(r.json()["results"]) == 3
    with django_assert_num_queries(4):
        r = client.get("/api/v1/enterprises/?page_size=7")
    assert len(r.json()["results"]) == 7
    client.force_login(personas.supervisor)
    # the supervisor's agency (its path scopes the subtree) comes with the user: no extra query
    with django_assert_num_queries(4):
        r = client.get("/api/v1/enterprises/?page_size=10")
    assert len(r.json()["results"]) == 10
    with django_assert_num_queries(4):
        r = client.get(f"/api/v1/enterprises/{data['ent_a'].pk}/")
    assert r.json()["agency_name"] == "南京市浦口区应急管理局"


def test_catalog_list_query_count(client, personas, data, django_assert_num_queries):
    for _ in range(4):
        EnforcementItemFactory()
    client.force_login(personas.officer1)
    with django_assert_num_queries(3):
        r = client.get("/api/v1/enforcement-items/")
    assert len(r.json()["results"]) == 5


def test_schema_and_docs_are_served_from_local_assets(client, personas):
    client.force_login(personas.officer1)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in ("/api/v1/agencies/", "/api/v1/enterprises/", "/api/v1/enforcement-items/"):
        assert path in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    hosts = set(re.findall(r"https?://[^/\"'\s]+", html))
    assert hosts <= {"http://testserver", "https://testserver"}, hosts
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html
    # the page's init script (served from /api/docs/ for the CSP) names no host either, and switches
    # off Swagger UI's default validator badge (an image from validator.swagger.io)
    assert '<script src="/api/docs/?script="></script>' in html
    script = client.get("/api/docs/?script=")
    assert (script.status_code, script["Content-Type"]) == (200, "application/javascript")
    js = script.content.decode()
    assert re.findall(r"https?://[^/\"'\s]+", js) == []
    assert 'const swaggerSettings = {\n  "deepLinking": true,\n  "validatorUrl": null\n};' in js
    assert 'url: "/api/schema/"' in js
    assert AuditEvent.objects.count() == 0


def test_token_authentication_loads_the_agency_with_the_user(
    client, personas, data, django_assert_num_queries
):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=personas.supervisor)
    # token with its user and the user's agency (subtree scope), role groups, page of enterprises
    with django_assert_num_queries(3):
        r = client.get("/api/v1/enterprises/?page_size=4", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert [row["id"] for row in r.json()["results"]] == [
        data["ent_city"].pk,
        data["ent_b"].pk,
        data["ent_street"].pk,
        data["ent_a2"].pk,
    ]
    bad = client.get("/api/v1/enterprises/", HTTP_AUTHORIZATION="Token 0000")
    assert (bad.status_code, bad.json()) == (
        401,
        {"code": "authentication_failed", "detail": "令牌无效", "fields": {}},
    )
