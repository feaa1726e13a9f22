"""seed_demo: the city bureau's 执法效能评估 through the real service — the last half-year that has ended
(published, with the demo's older records) and the current one (an interim draft: the demo's cases,
inspections and hazards are dated around today). Idempotent."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from enforcement.core.models import User


def seed_efficacy(*, scale: int = 0, stdout: Any = None) -> None:
    from .models import EfficacyEvaluation
    from .rules.efficacy import last_ended, period_of
    from .services.efficacy import build_evaluation, publish_evaluation

    supervisor = User.objects.filter(username="supervisor").select_related("agency").first()
    if supervisor is None or supervisor.agency is None:
        return
    today = timezone.localdate()
    for period, publish in ((last_ended(today), True), (period_of(today), False)):
        if EfficacyEvaluation.objects.filter(
            agency=supervisor.agency, year=period.year, half=period.half
        ).exists():
            continue
        evaluation = build_evaluation(agency=supervisor.agency, period=period, actor=supervisor)
        if publish:
            evaluation = publish_evaluation(evaluation, actor=supervisor)
        if stdout is not None:
            stdout.write(f"  {period.label}执法效能评估：{evaluation.get_status_display()}")
