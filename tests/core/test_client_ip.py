"""Audit events of enterprise writes record the client's address, behind a trusted proxy too."""

from __future__ import annotations

import pytest
from django.test import override_settings

from enforcement.core.models import AuditEvent
from enforcement.core.validators import make_credit_code

pytestmark = pytest.mark.django_db


def _body(personas, n):
    return {
        "name": f"代理测试单位{n}",
        "credit_code": make_credit_code(f"91320111MA1X{n:05d}"),
        "agency": personas.agencies.district_a.pk,
    }


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_api_and_page_record_the_forwarded_client_address(client, personas):
    client.force_login(personas.officer1)
    proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7"}
    r = client.post("/api/v1/enterprises/", _body(personas, 1), content_type="application/json", **proxy)
    assert r.status_code == 201
    form = {**_body(personas, 2), "sector": "other", "scale": "small", "risk_class": "general"}
    form |= {"standardization_level": "none", "credit_status": "normal", "is_active": "on"}
    assert client.post("/enterprises/new/", form, **proxy).status_code == 302
    # the proxy appended the address it saw (203.0.113.7); the left entry could be forged
    assert list(AuditEvent.objects.order_by("seq").values_list("action", "ip_address")) == [
        ("enterprise.create", "203.0.113.7"),
        ("enterprise.create", "203.0.113.7"),
    ]


def test_without_a_trusted_proxy_the_socket_address_counts(client, personas):
    client.force_login(personas.officer1)
    r = client.post(
        "/api/v1/enterprises/",
        _body(personas, 3),
        content_type="application/json",
        REMOTE_ADDR="192.0.2.9",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert r.status_code == 201
    assert AuditEvent.objects.get().ip_address == "192.0.2.9"
