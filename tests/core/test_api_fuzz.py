"""Schemathesis over every operation of /api/schema/, against the live test server.

Fixed budget (25 examples per operation, derandomised so every run draws the same inputs), both valid
and invalid inputs, as an officer and as an administrator. Fails on a 5xx, an error body that is not
CONTRACT.md's JSON shape, or a response that does not match the schema. New endpoints are covered by
the schema alone.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from enforcement.core.models import EnforcementItem, Enterprise
from enforcement.core.validators import make_credit_code

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))


@pytest.fixture
def fuzz_tokens(live_server, personas) -> list[str]:
    Enterprise.objects.create(
        name="模糊测试化工有限公司",
        credit_code=make_credit_code("91320111MA1XF0001"),
        agency=personas.agencies.district_a,
    )
    EnforcementItem.objects.create(
        code="FUZZ-1",
        name="模糊测试事项",
        kind="penalty",
        legal_basis="安全生产法",
        effective_from=dt.date(2020, 1, 1),
    )
    return [Token.objects.create(user=u).key for u in (personas.officer1, personas.cityadmin)]


@pytest.fixture
def api_schema(live_server, fuzz_tokens):
    schema = schemathesis.openapi.from_url(
        f"{live_server.url}/api/schema/?format=json",
        headers={"Authorization": f"Token {fuzz_tokens[1]}"},
    )
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=MAX_EXAMPLES,
        deterministic=True,
    )
    return schema.configure(base_url=live_server.url) if hasattr(schema, "configure") else schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.check
def error_body_is_contract_json(ctx, response, case):
    """4xx bodies are {"code", "detail", "fields"} (CONTRACT.md)."""
    if response.status_code < 400:
        return None
    try:
        body = response.json()
    except Exception as exc:
        raise AssertionError(f"error {response.status_code} is not JSON: {response.text[:200]!r}") from exc
    if not (isinstance(body, dict) and {"code", "detail", "fields"} <= body.keys()):
        raise AssertionError(f"error {response.status_code} is not the contract's shape: {body!r}")
    return True


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.generate],  # the explicit phase replays thousands of schema-example combinations
    suppress_health_check=list(HealthCheck),
)
def test_api_never_errs_and_answers_as_documented(case, fuzz_tokens, live_server):
    for token in fuzz_tokens:
        case.call_and_validate(
            base_url=f"{live_server.url}",
            headers={"Authorization": f"Token {token}"},
            checks=[not_a_server_error, response_schema_conformance, error_body_is_contract_json],
        )
