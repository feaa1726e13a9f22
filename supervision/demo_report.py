"""seed_demo: the city bureau's 2025 行政执法统计年报, built through the real service (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from enforcement.core.models import User


def seed_annual_report(*, scale: int = 0, stdout: Any = None) -> None:
    from .models_report import AnnualReport
    from .services.report import build_now

    supervisor = User.objects.filter(username="supervisor").select_related("agency").first()
    if supervisor is None or supervisor.agency is None:
        return
    if AnnualReport.objects.filter(agency=supervisor.agency, year=2025).exists():
        return
    report = build_now(year=2025, agency=supervisor.agency, actor=supervisor, as_of=dt.date(2026, 1, 31))
    if stdout is not None:
        stdout.write(f"  2025年度统计年报：{report.pdf.name}")
