"""seed_demo's closing part: the demo's not-penalised case of 浦口区 is closed by the head and archived by its
lead handler (and the 当场处罚 paid on the spot is closed as performed) through the real services, so the sealed dossier (and its borrowing) can be tried. Idempotent:
skipped once district A has an archived case, or when there is no not-penalised case to close."""

from __future__ import annotations

from typing import Any

from enforcement.core.exceptions import DomainError

from .choices import CaseStatus as S
from .models import Case
from .services.common import handlers_of, heads_of
from .services.workflow import transition_case

AGENCY_CODE = "320111"


def seed_archive(*, scale: int = 0, stdout: Any = None) -> None:
    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text)

    cases = Case.objects.filter(deciding_agency__code=AGENCY_CODE)
    if cases.filter(status=S.ARCHIVED).exists():
        say("  cases (archive): already seeded")
        return
    case = cases.filter(status=S.NO_PENALTY).order_by("id").first()
    heads = heads_of(case.deciding_agency_id) if case is not None else []
    if case is None or not heads:
        say("  cases (archive): no not-penalised case or no head in district A, skipped")
        return
    case = transition_case(
        case,
        "close",
        actor=heads[0],
        params={"ground": "no_penalty", "note": "经调查违法事实不成立，决定不予行政处罚。"},
    )
    case = transition_case(case, "archive", actor=handlers_of(case)[0], params={})
    say(f"  cases (archive): {case.number} closed and archived")
    # the 当场处罚 paid on the spot is performed: closed by the head, left for the handler to archive
    spot = cases.filter(procedure="summary", status=S.DECIDED).order_by("id").first()
    if spot is not None:
        try:
            spot = transition_case(
                spot,
                "close",
                actor=heads[0],
                params={"ground": "performed", "note": "当场缴纳罚款，已交至本机关。"},
            )
            say(f"  cases (archive): {spot.number} closed (performed)")
        except DomainError as exc:
            say(f"  cases (archive): the summary case not closed: {exc.message}")
