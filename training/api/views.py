"""API viewsets of the training app; every queryset goes through ``visible_to(user)`` first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from enforcement.core.api.params import IntegerFilter, YearFilter
from enforcement.core.exceptions import InvalidInput, NotAllowed

from .. import services
from ..choices import CertificateAction as A
from ..guards import may_enforce_many, resolve_item
from ..models import Certificate, Officer, TrainingRecord
from ..permissions import can_manage_agency, can_manage_some_agency
from . import serializers as s


def _require_admin_role(user: Any, message: str) -> None:
    """Writes need the 系统管理员 role (or a superuser): refuse the others before reading the body,
    so that in-scope users without the role get 403 whatever they send."""
    if not can_manage_some_agency(user):
        raise NotAllowed(message)


def _on_date(request: Request) -> dt.date:
    raw = request.query_params.get("on")
    if not raw:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("日期格式应为YYYY-MM-DD", fields={"on": ["日期格式应为YYYY-MM-DD"]})


def _item(request: Request) -> Any:
    """The EnforcementItem named by ``?item=<code>`` (None without it); 400 for an unknown code."""
    code = request.query_params.get("item")
    if not code:
        return None
    item = resolve_item(code)
    if item is None:
        message = f"执法事项目录中无编码为{code}的事项"
        raise InvalidInput(message, fields={"item": [message]})
    return item


class OfficerFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(field_name="username")
    agency = IntegerFilter(field_name="agency_id")

    class Meta:
        model = Officer
        fields = ["username", "agency"]


class OfficerViewSet(viewsets.ReadOnlyModelViewSet):
    """执法人员 with ``may_enforce`` for today or ``?on=YYYY-MM-DD`` (two extra queries per page), for one
    enforcement item with ``?item=<code>`` (two more: the item, the agencies' powers over it)."""

    serializer_class = s.OfficerSerializer
    filterset_class = OfficerFilter

    def get_queryset(self) -> QuerySet[Officer]:
        return (
            Officer.objects.register()
            .visible_to(self.request.user)
            .with_assistant_flag()
            .select_related("agency")
            .order_by("-id")
        )

    def _with_verdicts(self, people: list[Any]) -> dict[str, Any]:
        context = self.get_serializer_context()
        context["verdicts"] = may_enforce_many(people, _on_date(self.request), item=_item(self.request))
        return context

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        on = _on_date(request)  # validate before querying
        item = _item(request)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        people = list(page if page is not None else queryset)
        context = self.get_serializer_context()
        context["verdicts"] = may_enforce_many(people, on, item=item)
        data = s.OfficerSerializer(people, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        officer = self.get_object()
        return Response(s.OfficerSerializer(officer, context=self._with_verdicts([officer])).data)


class CertificateFilter(django_filters.FilterSet):
    holder = IntegerFilter(field_name="holder_id")
    username = django_filters.CharFilter(field_name="holder__username")
    status = django_filters.CharFilter(field_name="status")

    class Meta:
        model = Certificate
        fields = ["holder", "username", "status"]


ACTION_INPUTS: dict[str, type[serializers.Serializer]] = {
    A.ISSUE: s.IssueInput,
    A.ANNUAL_REVIEW: s.AnnualReviewInput,
    A.RENEW: s.RenewInput,
    A.SUSPEND: s.SuspendInput,
    A.LIFT_SUSPENSION: s.LiftInput,
    A.WITHDRAW: s.ReasonInput,
    A.CANCEL: s.ReasonInput,
}


class CertificateViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """执法证: list/detail (own, or the subtree for heads/supervisors/admins); ``POST`` = 申领;
    ``POST {id}/actions/{action}/`` = one lifecycle move (403 role, 409 state or guard)."""

    filterset_class = CertificateFilter

    def get_queryset(self) -> QuerySet[Certificate]:
        qs = Certificate.objects.visible_to(self.request.user).select_related("holder").order_by("-id")
        if self.action == "retrieve":
            qs = qs.prefetch_related("events", "annual_reviews")
        return qs

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "retrieve":
            return s.CertificateDetailSerializer
        if self.action == "create":
            return s.ApplyInput
        return s.CertificateSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _require_admin_role(request.user, services.certificates.NOT_ADMIN)
        data = s.ApplyInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        holder = Officer.objects.visible_to(request.user).filter(pk=values.pop("holder")).first()
        if holder is None:
            raise InvalidInput("人员不存在或无权查看", fields={"holder": ["人员不存在或无权查看"]})
        cert = services.apply_certificate(holder, actor=request.user, **values)
        return Response(s.CertificateSerializer(cert).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path=r"actions/(?P<move>[a-z_]+)")
    def actions(self, request: Request, pk: str | None = None, move: str = "") -> Response:
        if move not in ACTION_INPUTS:
            raise Http404("无此操作")
        cert = services.get_certificate_for_user(request.user, pk)
        if not can_manage_agency(request.user, cert.agency):
            raise NotAllowed(services.certificates.NOT_ADMIN)
        payload = ACTION_INPUTS[move](data=request.data)
        payload.is_valid(raise_exception=True)
        values = {k: v for k, v in payload.validated_data.items() if v is not None}
        runners: dict[str, Any] = {
            A.ISSUE: services.issue_certificate,
            A.ANNUAL_REVIEW: services.record_annual_review,
            A.RENEW: services.renew_certificate,
            A.SUSPEND: services.suspend_certificate,
            A.LIFT_SUSPENSION: services.lift_suspension,
            A.WITHDRAW: services.withdraw_certificate,
            A.CANCEL: services.cancel_certificate,
        }
        result = runners[move](cert, actor=request.user, **values)
        target = result if isinstance(result, Certificate) else cert
        target.refresh_from_db()
        return Response(s.CertificateSerializer(target).data)


class TrainingRecordFilter(django_filters.FilterSet):
    officer = IntegerFilter(field_name="officer_id")
    username = django_filters.CharFilter(field_name="officer__username")
    kind = django_filters.CharFilter(field_name="kind")
    year = YearFilter(field_name="start_on")

    class Meta:
        model = TrainingRecord
        fields = ["officer", "username", "kind", "year"]


class TrainingRecordViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """培训记录: list/detail (own, or the subtree for heads/supervisors/admins); ``POST`` by agency admins."""

    serializer_class = s.TrainingRecordSerializer
    filterset_class = TrainingRecordFilter

    def get_queryset(self) -> QuerySet[TrainingRecord]:
        return TrainingRecord.objects.visible_to(self.request.user).select_related("officer").order_by("-id")

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        serializer = super().get_serializer(*args, **kwargs)
        if hasattr(serializer, "fields") and "officer" in serializer.fields:
            serializer.fields["officer"].queryset = Officer.objects.visible_to(self.request.user)
        return serializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _require_admin_role(request.user, services.training.NOT_ADMIN)
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        values = dict(payload.validated_data)
        officer = values.pop("officer")
        record = services.record_training(officer, actor=request.user, **values)
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)
