"""`/api/v1/deadlines/` — read-only list of the deadlines a user may see ("mine / my agency").

Scope: ``Deadline.objects.visible_to(user)`` — deadlines the user is responsible for, plus the agency
subtree for heads, supervisors and agency admins; the superuser sees all.
Filters: ``?status=open,overdue`` (comma list), ``?kind=``, ``?due_before=YYYY-MM-DD`` and
``?due_after=YYYY-MM-DD`` (inclusive), ``?mine=1`` (only those I am responsible for).
Cursor pagination ordered by due date, then id.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from rest_framework import serializers, viewsets

from ..models import Deadline, ReminderSent, User
from ..models.deadlines import DeadlineQuerySet
from ..registry import REGISTRY
from .pagination import IdCursorPagination


class DeadlineCursorPagination(IdCursorPagination):
    ordering = ("due_date", "id")  # type: ignore[assignment]  # DRF accepts a tuple; the stub says str


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """A comma-separated list: ``?status=open,overdue``."""


class DeadlineFilterSet(django_filters.FilterSet):
    status = CharInFilter(field_name="status", lookup_expr="in")
    kind = django_filters.CharFilter(field_name="kind")
    # one agency's deadlines (among those the user may see: the base queryset is ``visible_to``)
    agency = django_filters.NumberFilter(field_name="agency_id")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    mine = django_filters.CharFilter(method="filter_mine", label="只看我负责的（1）")

    class Meta:
        model = Deadline
        fields = ["status", "kind", "agency", "due_before", "due_after", "mine"]

    def filter_mine(self, queryset: DeadlineQuerySet, name: str, value: str) -> DeadlineQuerySet:
        if value.lower() not in {"1", "true", "yes"}:
            return queryset
        return queryset.responsible_for(self.request.user)


class DeadlineSerializer(serializers.ModelSerializer[Deadline]):
    kind_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    subject_type = serializers.SerializerMethodField()
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    responsible = serializers.SerializerMethodField()
    responsible_names = serializers.SerializerMethodField(help_text="responsible people by real name")
    reminders_sent = serializers.SerializerMethodField()
    days_left = serializers.SerializerMethodField()
    urgency = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "basis",
            "subject_type",
            "object_id",
            "agency",
            "agency_name",
            "start_date",
            "due_date",
            "day_type",
            "length",
            "provisional",
            "status",
            "status_label",
            "suspended_days",
            "responsible",
            "responsible_names",
            "reminders_sent",
            "days_left",
            "urgency",
        ]
        read_only_fields = fields

    def get_kind_label(self, obj: Deadline) -> str:
        kind = REGISTRY.deadline_kinds.get(obj.kind)
        return kind.label if kind else obj.kind

    def get_subject_type(self, obj: Deadline) -> str:
        ct = obj.content_type
        return f"{ct.app_label}.{ct.model}"

    def get_responsible(self, obj: Deadline) -> list[str]:
        return sorted(u.username for u in obj.responsible.all())

    def get_responsible_names(self, obj: Deadline) -> list[str]:
        """Display names in the order of ``responsible`` (by username)."""
        return [u.display_name for u in sorted(obj.responsible.all(), key=lambda u: u.username)]

    def get_reminders_sent(self, obj: Deadline) -> list[str]:
        """Distinct stages sent (to anyone), in the order they went out."""
        stages: list[str] = []
        for r in obj.reminders.all():
            if r.stage not in stages:
                stages.append(r.stage)
        return stages

    def _today(self) -> Any:
        return self.context.setdefault("today", timezone.localdate())

    def get_days_left(self, obj: Deadline) -> int:
        return obj.days_left(self._today())

    def get_urgency(self, obj: Deadline) -> str:
        return obj.urgency(self._today())


class DeadlineViewSet(viewsets.ReadOnlyModelViewSet[Deadline]):
    """期限 I am responsible for, or of my agency subtree (heads, supervisors, agency admins)."""

    serializer_class = DeadlineSerializer
    filterset_class = DeadlineFilterSet
    pagination_class = DeadlineCursorPagination

    def get_queryset(self) -> QuerySet[Deadline]:
        user: User = self.request.user  # type: ignore[assignment]  # IsAuthenticated ran first
        return (
            Deadline.objects.visible_to(user)
            .select_related("agency", "content_type")
            .prefetch_related(
                "responsible",
                Prefetch("reminders", queryset=ReminderSent.objects.order_by("sent_at", "id")),
            )
        )
