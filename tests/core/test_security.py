"""Security hardening: CSP header, HSTS and cookie flags, session expiry, login lockout and its audit."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from enforcement.core.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "/accounts/login/"
PASSWORD = "pass-1234-demo"  # tests.factories.UserFactory


def _csp_directives(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
def test_login_page_sends_a_self_only_content_security_policy(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    directives = _csp_directives(response["Content-Security-Policy"])
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    # no outside host anywhere in the policy
    assert all(
        "http" not in source and "." not in source for values in directives.values() for source in values
    )


def test_dashboard_and_api_docs_carry_the_csp_and_name_no_outside_host(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    for url in ("/", "/api/docs/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src 'self'" in response["Content-Security-Policy"]
        body = response.content.decode()
        assert "cdn" not in body.lower(), url
        assert "https://" not in body and "http://" not in body.replace("http://www.w3.org", ""), url
    # the Swagger UI initialiser is a separate script (no inline <script> blocked by the CSP)
    page = client.get("/api/docs/").content.decode()
    assert "<script>" not in page
    assert client.get("/api/docs/?script=").status_code == 200


def test_security_headers_on_an_https_response(client: Client, db: None) -> None:
    response = client.get(LOGIN, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_settings_harden_cookies_and_sessions() -> None:
    # test settings run with DJANGO_DEBUG=false: the production branch of settings.py
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SECURE_HSTS_SECONDS == 31536000
    assert settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    assert settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_session_cookie_is_secure_httponly_and_expires(client: Client, personas) -> None:
    response = client.post(LOGIN, {"username": "officer1", "password": PASSWORD}, REMOTE_ADDR="10.1.0.1")
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert client.session.get_expire_at_browser_close() is True


def test_check_deploy_passes_with_production_environment(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SECURE_SSL_REDIRECT",
            "SIMPLE_STATIC",
            "FAST_PASSWORD_HASHER",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # async.E001: only the browser tests need it
        }
    }
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="zhifa.example.gov.cn",
        VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_logout_is_post_only_and_ends_the_session(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.get("/").status_code == 302


def _fail(client: Client, username: str, ip: str):
    return client.post(LOGIN, {"username": username, "password": "wrong-password"}, REMOTE_ADDR=ip)


def test_repeated_failures_lock_that_username_from_that_address_only(personas) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    attacker = Client()
    for _ in range(limit - 1):
        response = _fail(attacker, "officer1", "10.0.0.1")
        assert response.status_code == 200
        assert "用户名或密码错误" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.lockout").count() == 0

    locked = _fail(attacker, "officer1", "10.0.0.1")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()

    # even the right password is refused for that username from that address
    right = attacker.post(LOGIN, {"username": "officer1", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert right.status_code == 429

    # the same username from another address may log in
    elsewhere = Client()
    ok = elsewhere.post(LOGIN, {"username": "officer1", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert ok.status_code == 302 and ok["Location"] == "/"

    # another username from the locked address may log in
    colleague = Client()
    ok2 = colleague.post(LOGIN, {"username": "officer2", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert ok2.status_code == 302 and ok2["Location"] == "/"

    # the refused attempt during the lock counted too (and extended the lock)
    assert (
        AccessAttempt.objects.get(username="officer1", ip_address="10.0.0.1").failures_since_start
        == limit + 1
    )


def test_lockout_is_audited_once_with_username_and_address(personas) -> None:
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(attacker, "officer1", "10.0.0.9")
    # further attempts while locked are refused but not written to the chain again
    _fail(attacker, "officer1", "10.0.0.9")
    events = list(AuditEvent.objects.filter(action="auth.lockout"))
    assert len(events) == 1
    event = events[0]
    assert event.actor_id is None
    assert event.actor_name == "系统"
    assert event.object_id == personas.officer1.pk
    assert event.agency_id_ref == personas.agencies.district_a.pk
    assert event.ip_address == "10.0.0.9"
    assert event.data == {"username": "officer1", "failures": 5}


def test_lockout_of_an_unknown_username_is_audited_without_object(db: None) -> None:
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(attacker, "nobody", "10.0.0.7")
    event = AuditEvent.objects.get(action="auth.lockout")
    assert event.object_id is None
    assert event.agency_id_ref is None
    assert event.data == {"username": "nobody", "failures": 5}


def test_client_address_behind_a_trusted_proxy(rf, settings) -> None:
    from enforcement.core.client_ip import client_ip

    request = rf.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "172.18.0.5"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # the forged left-most entry is ignored
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "172.18.0.5"  # fewer hops than proxies: not trusted


def test_lockout_behind_a_proxy_is_per_client_address(personas, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(
            LOGIN,
            {"username": "officer1", "password": "wrong-password"},
            REMOTE_ADDR="172.18.0.5",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    officer = Client()
    ok = officer.post(
        LOGIN,
        {"username": "officer1", "password": PASSWORD},
        REMOTE_ADDR="172.18.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert ok.status_code == 302
    assert AuditEvent.objects.get(action="auth.lockout").ip_address == "203.0.113.7"
