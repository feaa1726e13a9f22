"""``/api/v1/case-file-reviews/``: the reviews the user may see (read-only; writes happen on the pages)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from rest_framework import viewsets

from ..models import CaseFileReview, ReviewScore
from . import serializers as s


class CaseFileReviewViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]  # DRF generic
    """案卷评查 results: supervisors and heads of the subtree, the reviewers, the handlers of the case
    (their own cases, read-only). Filters: ``?campaign=``, ``?grade=``, ``?excellent=true``."""

    def get_queryset(self) -> Any:
        qs = CaseFileReview.objects.visible_to(self.request.user).select_related(
            "campaign", "case", "rubric", "reviewer", "rechecker"
        )
        params = self.request.query_params
        if params.get("campaign", "").isdigit():
            qs = qs.filter(campaign_id=int(params["campaign"]))
        if params.get("grade"):
            qs = qs.filter(grade=params["grade"])
        if params.get("excellent") == "true":
            qs = qs.filter(excellent=True)
        if self.action == "retrieve":
            qs = qs.prefetch_related(Prefetch("scores", queryset=ReviewScore.objects.select_related("item")))
        return qs

    def get_serializer_class(self) -> Any:
        return s.ReviewDetailSerializer if self.action == "retrieve" else s.ReviewSerializer
