"""Version pages as officers read them: other provinces' benchmarks only when asked for, compare opens
on two different versions, plain verification status instead of marks and maintainers' notes."""

from __future__ import annotations

import re

import pytest

from discretion.models import BenchmarkVersion
from discretion.services import create_version_copy

pytestmark = pytest.mark.django_db


def test_reference_versions_are_hidden_unless_asked_for(client, benchmark, personas):
    client.force_login(personas.officer1)
    html = client.get("/discretion/versions/").content.decode()
    assert "YJ-2024-90" in html and "SX-2021-260" not in html
    assert 'href="?reference=1"' in html
    shown = client.get("/discretion/versions/?reference=1").content.decode()
    assert "SX-2021-260" in shown and "隐藏参考基准" in shown
    detail = client.get(f"/discretion/versions/{benchmark.pk}/").content.decode()
    assert "SX-2021-260" not in detail  # not offered for comparison either


def test_compare_opens_on_two_different_versions(client, benchmark, personas):
    draft = create_version_copy(
        benchmark,
        actor=personas.cityadmin,
        code="YJ-2026-1",
        name="新基准",
        effective_from=benchmark.effective_from,
    )
    draft.status = "published"
    draft.save(update_fields=["status"])
    client.force_login(personas.officer1)
    html = client.get("/discretion/versions/").content.decode()
    a = re.search(r'<select name="a"[^>]*>.*?<option value="(\d+)" selected>', html, re.S)
    b = re.search(r'<select name="b"[^>]*>.*?<option value="(\d+)" selected>', html, re.S)
    assert a and b and a.group(1) != b.group(1)
    assert {int(a.group(1)), int(b.group(1))} == {benchmark.pk, draft.pk}
    same = client.get(f"/discretion/versions/compare/?a={benchmark.pk}&b={benchmark.pk}").content.decode()
    assert 'id="same-version"' in same


def test_version_detail_shows_plain_status_and_hides_notes_from_officers(client, benchmark, personas):
    reference = BenchmarkVersion.objects.get(code="SX-2021-260")
    client.force_login(personas.officer1)
    for version in (benchmark, reference):
        html = client.get(f"/discretion/versions/{version.pk}/").content.decode()
        assert [w for w in ("spec §", "CONTRACT", "开发者", "✅", "◐", "❓") if w in html] == []
        assert 'id="version-status">待核对（截至' in html
        assert 'id="maintainer-note"' not in html
    client.force_login(personas.cityadmin)
    html = client.get(f"/discretion/versions/{reference.pk}/").content.decode()
    assert 'id="maintainer-note">维护说明：外省基准' in html
