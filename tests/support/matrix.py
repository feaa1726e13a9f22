"""Permission-matrix helper shared by every app's API tests.

    assert_matrix(client, "patch", url, {"anonymous": 401, "officer_other": 404, "head": 403,
                  "officer1": 200, "admin": 200}, personas=personas, data={...},
                  state=lambda: list(Enterprise.objects.values()))

For each persona (``anonymous`` = logged out) the request is made with force_login and the status
asserted. On every denial (status >= 400) the helper also asserts that ``state()`` and the audit
trail are unchanged, and that the body has the JSON error shape {"code", "detail", "fields"}.
``data`` may be a callable taking the persona name (to vary e.g. a unique code per persona).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from enforcement.core.models import AuditEvent


def audit_state() -> tuple[int, int | None]:
    last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    return AuditEvent.objects.count(), last


def request_as(client: Any, user: Any, method: str, url: str, data: Any = None) -> Any:
    client.logout()
    if user is not None:
        client.force_login(user)
    call = getattr(client, method.lower())
    if method.lower() in ("get", "head", "options"):
        return call(url, data or {})
    return call(url, data=json.dumps(data if data is not None else {}), content_type="application/json")


def assert_matrix(
    client: Any,
    method: str,
    url: str | Callable[[], str],
    expectations: Mapping[str, int],
    *,
    personas: Any,
    data: Any = None,
    state: Callable[[], Any] | None = None,
) -> dict[str, Any]:
    """Assert the status for each persona; on denials assert nothing changed. Returns the responses."""
    responses: dict[str, Any] = {}
    for name, expected in expectations.items():
        user = None if name == "anonymous" else getattr(personas, name)
        target = url() if callable(url) else url
        payload = data(name) if callable(data) else data
        before = (state() if state else None, audit_state())
        response = request_as(client, user, method, target, payload)
        body = response.content.decode()[:400]
        assert response.status_code == expected, (
            f"{name}: {method.upper()} {target} -> {response.status_code}, expected {expected}: {body}"
        )
        if expected >= 400:
            after = (state() if state else None, audit_state())
            assert after == before, (
                f"{name}: a refused {method.upper()} {target} changed data or the audit trail"
            )
            if response.get("Content-Type", "").startswith("application/json"):
                err = response.json()
                assert set(err) == {"code", "detail", "fields"}, f"{name}: error shape {err}"
        responses[name] = response
    return responses
