"""Password policy (rules/passwords.py), its Django validators and the 修改密码 page (services.users)."""

from __future__ import annotations

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from enforcement.core.models import AuditEvent, PasswordHistory, User
from enforcement.core.rules import passwords as rules
from enforcement.core.services import users as user_services
from tests.support.matrix import audit_state

OLD = "pass-1234-demo"  # tests.factories.UserFactory


# --- the rule (pure) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("Anquan@2026", []),
        ("anquan-2026x", []),  # lower + digit + symbol: three classes
        ("Short@1", ["密码至少10位（当前7位）"]),
        ("anquanzhifa2026", ["密码须包含大写字母、小写字母、数字、符号中的至少3类"]),
        ("Anquan zf 2026", ["密码不能包含空格"]),
        ("Officer1@2026", ["密码不能包含用户名"]),
        ("Wang王执法@2026", ["密码不能包含姓名"]),
    ],
)
def test_password_problems(password, problems):
    assert rules.password_problems(password, username="officer1", real_name="王执法") == problems


@given(st.integers(min_value=10, max_value=40))
def test_temporary_passwords_always_meet_the_policy(length):
    password = rules.generate_temporary_password(length)
    assert len(password) == length
    assert rules.character_classes(password) == 4
    assert rules.password_problems(password, username="officer1", real_name="王执法") == []


def test_temporary_passwords_need_the_minimum_length():
    with pytest.raises(ValueError):
        rules.generate_temporary_password(8)


# --- Django's validators agree ----------------------------------------------------------------------


@pytest.mark.django_db
def test_django_validators_apply_the_policy_and_the_history(personas):
    user = personas.officer1
    with pytest.raises(ValidationError) as exc:
        password_validation.validate_password("short", user)
    assert exc.value.messages == [
        "密码至少10位（当前5位）",
        "密码须包含大写字母、小写字母、数字、符号中的至少3类",
        "这个密码太常见了。",
    ] or exc.value.messages[:2] == [
        "密码至少10位（当前5位）",
        "密码须包含大写字母、小写字母、数字、符号中的至少3类",
    ]
    with pytest.raises(ValidationError) as exc:
        password_validation.validate_password(OLD, user)  # the current one
    assert "不能使用最近5次用过的密码" in exc.value.messages
    password_validation.validate_password("Anquan@2026", user)
    help_texts = password_validation.password_validators_help_texts()
    assert "至少10位，包含大写字母、小写字母、数字、符号中的至少3类，不含用户名或姓名。" in help_texts
    assert "不能与最近5次使用过的密码相同。" in help_texts


# --- the page ---------------------------------------------------------------------------------------


def _state():
    return (
        list(User.objects.order_by("id").values_list("id", "password")),
        PasswordHistory.objects.count(),
        audit_state(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who",
    ["admin", "cityadmin", "supervisor", "head", "officer1", "reviewer", "assistant", "expired", "head_b"],
)
def test_everyone_changes_their_own_password(client, personas, who):
    user = getattr(personas, who)
    client.force_login(user)
    page = client.get("/account/password/")
    assert page.status_code == 200
    assert rules.POLICY_TEXT in page.content.decode()
    new = "Xin-Mima-2026"
    response = client.post(
        "/account/password/",
        {"old_password": OLD, "new_password1": new, "new_password2": new},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302 and response["Location"] == "/"
    user.refresh_from_db()
    assert user.check_password(new) and not user.must_change_password
    assert client.get("/").status_code == 200  # still signed in (session hash updated)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.object_id, event.data, event.ip_address) == (
        "user.change_password",
        user.pk,
        user.pk,
        {},
        "10.9.8.7",
    )


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/account/password/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (
            {"old_password": "wrong", "new_password1": "Xin-Mima-2026", "new_password2": "Xin-Mima-2026"},
            "old_password",
            "当前密码不正确",
        ),
        (
            {"old_password": OLD, "new_password1": "Xin-Mima-2026", "new_password2": "Xin-Mima-2027"},
            "new_password2",
            "两次输入的新密码不一致",
        ),
        (
            {"old_password": OLD, "new_password1": "xinmima2026", "new_password2": "xinmima2026"},
            "new_password1",
            "密码须包含大写字母、小写字母、数字、符号中的至少3类",
        ),
        (
            {"old_password": OLD, "new_password1": "Officer1-2026", "new_password2": "Officer1-2026"},
            "new_password1",
            "密码不能包含用户名",
        ),
        (
            {"old_password": OLD, "new_password1": OLD, "new_password2": OLD},
            "new_password1",
            "不能使用最近5次用过的密码",
        ),
    ],
)
def test_a_refused_change_shows_why_and_changes_nothing(client, personas, form, field, message):
    client.force_login(personas.officer1)
    before = _state()
    response = client.post("/account/password/", form)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert _state() == before


@pytest.mark.django_db
def test_none_of_the_last_five_passwords_again(personas):
    user = personas.officer1
    used = [f"Mima-{n}-2026x" for n in range(6)]
    current = OLD
    for password in used:
        user_services.change_own_password(user, old_password=current, new_password=password)
        current = password
    assert PasswordHistory.objects.filter(user=user).count() == rules.HISTORY_DEPTH
    for recent in used[1:]:  # the last five, the current one included
        with pytest.raises(Exception) as exc:
            user_services.change_own_password(user, old_password=current, new_password=recent)
        assert exc.value.fields == {"new_password1": ["不能使用最近5次用过的密码"]}
    user_services.change_own_password(user, old_password=current, new_password=used[0])  # sixth back: allowed


@pytest.mark.django_db
def test_a_forced_change_returns_to_the_page_asked_for(client, personas):
    password = user_services.reset_password(personas.officer1, actor=personas.cityadmin)
    user = User.objects.get(pk=personas.officer1.pk)
    client.force_login(user)
    page = client.get("/account/password/?next=/cases/")
    assert 'id="password-forced"' in page.content.decode()
    response = client.post(
        "/account/password/",
        {
            "old_password": password,
            "new_password1": "Wode-Mima-2026",
            "new_password2": "Wode-Mima-2026",
            "next": "/cases/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200
    evil = client.post(
        "/account/password/",
        {
            "old_password": "Wode-Mima-2026",
            "new_password1": "Ling-Mima-2026",
            "new_password2": "Ling-Mima-2026",
            "next": "https://evil.example/",
        },
    )
    assert evil["Location"] == "/"


def test_login_page_says_whom_to_ask(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "忘记密码或账号被锁定？请联系本单位的系统管理员重置密码或解除锁定" in html
