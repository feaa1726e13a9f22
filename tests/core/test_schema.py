"""The OpenAPI schema of the whole API validates with no warning (``spectacular --validate --fail-on-warn``)."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command


@pytest.mark.django_db
def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "应急管理行政执法办案平台 API"
    for path in (
        "/api/v1/agencies/",
        "/api/v1/agencies/{id}/may-act/",
        "/api/v1/enterprises/",
        "/api/v1/enforcement-items/",
        "/api/v1/calendar/add/",
        "/api/v1/calendar/days/",
        "/api/v1/deadlines/",
        "/api/v1/audit-events/",
    ):
        assert path in schema["paths"], path
    assert set(schema["components"]["securitySchemes"]) == {"cookieAuth", "tokenAuth"}
