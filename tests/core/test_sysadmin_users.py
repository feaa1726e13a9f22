"""系统管理 › 用户账号: agency admins manage the accounts of their subtree through services.users.

Matrix: anonymous → login page; non-admin roles → 403 on every page; an admin → 404 for an account
outside their subtree; every refusal changes nothing and writes no audit event.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.db import transaction

from enforcement.core import roles
from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, User
from enforcement.core.rules.passwords import password_problems
from enforcement.core.services import users as user_services
from tests.factories import UserFactory
from tests.support.matrix import audit_state

pytestmark = pytest.mark.django_db

NON_ADMINS = ["supervisor", "head", "officer1", "reviewer", "assistant", "expired", "officer_other", "head_b"]


def account_state():
    return (
        list(
            User.objects.order_by("id").values(
                "id", "username", "real_name", "agency_id", "is_active", "password"
            )
        ),
        sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        AccessAttempt.objects.count(),
        audit_state(),
    )


@pytest.fixture
def district_admin(personas):
    return UserFactory(
        username="puadmin",
        real_name="浦口管理",
        agency=personas.agencies.district_a,
        roles=[roles.AGENCY_ADMIN],
    )


def _lock(username: str, failures: int = 5) -> None:
    AccessAttempt.objects.create(
        username=username,
        ip_address="10.0.0.9",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=failures,
    )


def _new_account_form(personas, **overrides):
    form = {
        "username": "officer9",
        "real_name": "冯执法",
        "phone": "13800000009",
        "agency": personas.agencies.district_a.pk,
        "roles": [roles.OFFICER],
    }
    return {**form, **overrides}


# --- permission matrix ----------------------------------------------------------------------------


def test_every_page_and_action_refuses_non_administrators(client, personas):
    target = personas.officer2
    urls_get = ["/sysadmin/", "/sysadmin/users/", "/sysadmin/users/new/", f"/sysadmin/users/{target.pk}/"]
    urls_post = [
        ("/sysadmin/users/new/", _new_account_form(personas)),
        (
            f"/sysadmin/users/{target.pk}/",
            {"real_name": "改名", "agency": target.agency_id, "roles": ["执法人员"]},
        ),
        (f"/sysadmin/users/{target.pk}/reset-password/", {}),
        (f"/sysadmin/users/{target.pk}/deactivate/", {"reason": "调离"}),
        (f"/sysadmin/users/{target.pk}/reactivate/", {}),
        (f"/sysadmin/users/{target.pk}/unlock/", {}),
    ]
    _lock(target.username)
    before = account_state()
    for url in urls_get:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    for who in NON_ADMINS:
        client.force_login(getattr(personas, who))
        for url in urls_get:
            assert client.get(url).status_code == 403, (who, url)
        for url, data in urls_post:
            assert client.post(url, data).status_code == 403, (who, url)
        assert "/sysadmin/" not in client.get("/").content.decode(), who  # no nav entry either
    assert account_state() == before


def test_an_admin_gets_404_for_accounts_outside_the_subtree(client, personas, district_admin):
    _lock(personas.officer_other.username)
    before = account_state()
    client.force_login(district_admin)
    outside = [personas.officer_other, personas.cityadmin, personas.supervisor, personas.admin]
    for user in outside:
        assert client.get(f"/sysadmin/users/{user.pk}/").status_code == 404, user.username
        for action in ("reset-password", "deactivate", "reactivate", "unlock"):
            url = f"/sysadmin/users/{user.pk}/{action}/"
            assert client.post(url, {"reason": "x"}).status_code == 404, (user.username, action)
        form = {"real_name": "改", "agency": personas.agencies.district_a.pk, "roles": [roles.OFFICER]}
        assert client.post(f"/sysadmin/users/{user.pk}/", form).status_code == 404
    listed = client.get("/sysadmin/users/").context["rows"]
    assert sorted(r["user"].username for r in listed) == [
        "assistant",
        "expired",
        "head",
        "officer1",
        "officer2",
        "puadmin",
        "reviewer",
    ]
    assert account_state() == before


def test_city_admin_sees_its_whole_subtree_and_the_superuser_everyone(client, personas):
    client.force_login(personas.cityadmin)
    names = sorted(r["user"].username for r in client.get("/sysadmin/users/").context["rows"])
    assert names == sorted(
        ["cityadmin", "supervisor", "head", "officer1", "officer2", "reviewer", "assistant", "expired"]
        + ["officer_other", "head_b"]
    )
    client.force_login(personas.admin)
    names = [r["user"].username for r in client.get("/sysadmin/users/?q=admin").context["rows"]]
    assert sorted(names) == ["admin", "cityadmin"]


def test_the_user_list_filters_and_costs_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries
):
    client.force_login(personas.cityadmin)
    _lock("officer2")
    personas.assistant.is_active = False
    personas.assistant.save(update_fields=["is_active"])
    a = personas.agencies
    cases = {
        "?q=执法": ["officer1", "officer2", "officer_other", "expired"],
        f"?agency={a.district_b.pk}": ["head_b", "officer_other"],
        "?role=负责人": ["head", "head_b"],
        "?status=inactive": ["assistant"],
        "?status=locked": ["officer2"],
    }
    for query, expected in cases.items():
        rows = client.get("/sysadmin/users/" + query).context["rows"]
        got = [r["user"].username for r in rows]
        if query == "?q=执法":
            expected = [u.username for u in User.objects.filter(real_name__contains="执法")]
        assert sorted(got) == sorted(expected), query
    # session+user, savepoints-free: count, page rows, their groups, axes locks, nav/audit checks
    with django_assert_num_queries(9):
        response = client.get("/sysadmin/users/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "登录已锁定" in html and "已停用" in html


# --- creating accounts ----------------------------------------------------------------------------


def test_city_admin_creates_an_account_with_a_temporary_password(client, personas):
    client.force_login(personas.cityadmin)
    response = client.post("/sysadmin/users/new/", _new_account_form(personas), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    user = User.objects.get(username="officer9")
    password = response.context["password"]
    assert password_problems(password, username="officer9", real_name="冯执法") == []
    assert user.check_password(password) and user.must_change_password is True
    assert (user.real_name, user.agency_id, user.is_staff, user.is_superuser) == (
        "冯执法",
        personas.agencies.district_a.pk,
        False,
        False,
    )
    assert user.role_names() == {roles.OFFICER}
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.object_id, event.agency_id_ref, event.ip_address) == (
        "user.create",
        personas.cityadmin.pk,
        user.pk,
        personas.agencies.district_a.pk,
        "10.1.2.3",
    )
    assert event.data == {
        "username": "officer9",
        "agency": personas.agencies.district_a.pk,
        "roles": ["执法人员"],
    }
    assert password not in str(event.data)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"username": "officer1"}, "username", "用户名“officer1”已被使用"),
        ({"username": "OFFICER1"}, "username", "用户名“OFFICER1”已被使用"),
        ({"username": "王五"}, "username", "用户名为3–30位字母、数字或 _ . -"),
        ({"roles": []}, "roles", "请至少选择一个角色"),
        ({"phone": "call me"}, "phone", "手机号格式不正确"),
    ],
)
def test_bad_account_data_is_refused_with_a_chinese_message(client, personas, overrides, field, message):
    client.force_login(personas.cityadmin)
    before = account_state()
    response = client.post("/sysadmin/users/new/", _new_account_form(personas, **overrides))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert account_state() == before


def test_an_admin_cannot_place_an_account_outside_the_subtree(personas, district_admin):
    before = account_state()
    data = user_services.AccountData(
        username="x_user", real_name="某人", agency=personas.agencies.district_b, roles=[roles.OFFICER]
    )
    with pytest.raises(InvalidInput) as exc:
        user_services.create_account(data, actor=district_admin)
    assert exc.value.fields == {"agency": ["只能选择您管理范围内的机构"]}
    with pytest.raises(NotAllowed):
        user_services.create_account(data, actor=personas.head)
    assert account_state() == before


# --- changing, deactivating, resetting, unlocking -------------------------------------------------


def test_admin_changes_roles_and_agency_with_an_audited_diff(client, personas):
    client.force_login(personas.cityadmin)
    a = personas.agencies
    form = {
        "real_name": "李执法",
        "phone": "",
        "agency": a.district_b.pk,
        "roles": [roles.OFFICER, roles.LEGAL_REVIEWER],
    }
    response = client.post(f"/sysadmin/users/{personas.officer2.pk}/", form)
    assert response.status_code == 302
    user = User.objects.get(pk=personas.officer2.pk)
    assert (user.agency_id, user.role_names()) == (a.district_b.pk, {roles.OFFICER, roles.LEGAL_REVIEWER})
    event = AuditEvent.objects.get()
    assert event.action == "user.update"
    assert event.data == {
        "diff": {
            "agency": [a.district_a.pk, a.district_b.pk],
            "roles": [["执法人员"], ["执法人员", "法制审核人员"]],
        }
    }


def test_an_admin_cannot_demote_or_move_or_deactivate_itself(client, personas):
    client.force_login(personas.cityadmin)
    before = account_state()
    me = personas.cityadmin
    form = {"real_name": me.real_name, "agency": me.agency_id, "roles": [roles.OFFICER]}
    response = client.post(f"/sysadmin/users/{me.pk}/", form)
    assert response.status_code == 400
    assert response.context["form"].errors["roles"] == ["不能取消自己的系统管理员角色，请联系上级系统管理员"]
    response = client.post(f"/sysadmin/users/{me.pk}/deactivate/", {"reason": "测试"}, follow=True)
    assert "不能停用自己的账号" in response.content.decode()
    assert account_state() == before


def test_deactivate_needs_a_reason_and_ends_signing_in_then_reactivate(client, personas):
    client.force_login(personas.cityadmin)
    url = f"/sysadmin/users/{personas.officer2.pk}/deactivate/"
    before = account_state()
    page = client.post(url, {"reason": " "}, follow=True)
    assert "请填写停用原因" in page.content.decode()
    assert account_state() == before
    assert client.post(url, {"reason": "调离本单位"}).status_code == 302
    officer2 = User.objects.get(pk=personas.officer2.pk)
    assert officer2.is_active is False
    other = client.__class__()
    other.force_login(personas.officer2)
    assert other.get("/").status_code == 302  # the session no longer authenticates
    with pytest.raises(InvalidTransition):
        user_services.deactivate_account(officer2, actor=personas.cityadmin, reason="再次")
    assert client.post(f"/sysadmin/users/{officer2.pk}/reactivate/").status_code == 302
    assert User.objects.get(pk=officer2.pk).is_active is True
    assert list(AuditEvent.objects.order_by("seq").values_list("action", "data")) == [
        ("user.deactivate", {"reason": "调离本单位"}),
        ("user.reactivate", {}),
    ]


def test_reset_gives_a_compliant_temporary_password_and_lifts_the_lock(client, personas):
    _lock("officer1")
    client.force_login(personas.cityadmin)
    response = client.post(f"/sysadmin/users/{personas.officer1.pk}/reset-password/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    password = response.context["password"]
    user = User.objects.get(pk=personas.officer1.pk)
    assert user.check_password(password) and user.must_change_password
    assert AccessAttempt.objects.count() == 0
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id, event.data) == (
        "user.password",
        user.pk,
        {"temporary": True, "unlocked": True},
    )
    # the user is sent to the password page until they set their own
    officer = client.__class__()
    officer.force_login(user)
    response = officer.get("/cases/")
    assert response.status_code == 302 and response["Location"] == "/account/password/?next=%2Fcases%2F"
    api = officer.get("/api/v1/agencies/")
    assert api.status_code == 403 and api.json()["code"] == "password_change_required"
    assert officer.get("/account/password/").status_code == 200


def test_unlock_lifts_a_login_lock_and_refuses_when_none(client, personas):
    client.force_login(personas.cityadmin)
    url = f"/sysadmin/users/{personas.officer1.pk}/unlock/"
    before = account_state()
    page = client.post(url, follow=True)
    assert "王执法的账号当前没有被锁定" in page.content.decode()
    assert account_state() == before
    _lock("officer1", failures=4)  # below the limit: not locked yet
    assert user_services.locked_usernames(["officer1"]) == set()
    AccessAttempt.objects.all().delete()
    _lock("officer1")
    detail = client.get(f"/sysadmin/users/{personas.officer1.pk}/")
    assert detail.context["locked"] is True and 'id="unlock-button"' in detail.content.decode()
    assert client.post(url).status_code == 302
    assert AccessAttempt.objects.count() == 0
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.data) == (
        "user.unlock",
        personas.cityadmin.pk,
        {"attempts": 1},
    )


def test_role_groups_are_the_platform_roles(personas):
    with transaction.atomic():
        user, _ = user_services.create_account(
            user_services.AccountData(
                username="helper1",
                real_name="辅助一",
                agency=personas.agencies.street_a,
                roles=[roles.ASSISTANT],
            ),
            actor=personas.cityadmin,
        )
    assert list(user.groups.values_list("name", flat=True)) == [roles.ASSISTANT]
    assert Group.objects.filter(name__in=roles.ALL_ROLES).count() == len(roles.ALL_ROLES)


def test_the_services_refuse_non_administrators_and_change_nothing(personas):
    target = personas.officer2
    _lock(target.username)
    before = account_state()
    data = user_services.AccountData(real_name="改名", agency=target.agency, roles=[roles.OFFICER])
    for who in ("head", "supervisor", "officer1", "assistant"):
        actor = getattr(personas, who)
        calls = [
            (user_services.update_account, (target, data), {}),
            (user_services.reset_password, (target,), {}),
            (user_services.deactivate_account, (target,), {"reason": "x"}),
            (user_services.reactivate_account, (target,), {}),
            (user_services.unlock_login, (target,), {}),
        ]
        for call, args, kwargs in calls:
            with pytest.raises(NotAllowed):
                call(*args, actor=actor, **kwargs)
    assert account_state() == before


def test_the_account_page_costs_a_fixed_number_of_queries(client, personas, django_assert_num_queries):
    client.force_login(personas.cityadmin)
    client.get(f"/sysadmin/users/{personas.officer1.pk}/")  # warm the content-type cache
    # session, user, the account, its roles, the agency choices, the lock, the nav's audit/admin checks
    with django_assert_num_queries(8):
        response = client.get(f"/sysadmin/users/{personas.officer1.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="reset-password-button"' in html and 'id="deactivate-form"' in html
    assert 'id="unlock-button"' not in html
