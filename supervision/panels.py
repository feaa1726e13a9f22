"""The panel "案卷评查" on the case page (core object panel): the reviews of this case the user may see —
the handlers read their own cases' results (read-only), supervisors and heads their subtree's."""

from __future__ import annotations

from typing import Any

from .choices import ReviewStatus
from .models import CaseFileReview


def case_reviews(request: Any, case: Any) -> dict[str, Any]:
    user = getattr(request, "user", None)
    rows = list(
        CaseFileReview.objects.visible_to(user)
        .filter(case_id=case.pk)
        .exclude(status__in=[ReviewStatus.PENDING, ReviewStatus.ASSIGNED])
        .select_related("campaign")
        .order_by("-submitted_at")
    )
    return {"reviews": rows} if rows else {}
