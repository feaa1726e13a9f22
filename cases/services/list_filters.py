"""The case list's stage filters after the decision (issue 11): 待送达, 待公示, 待缴款, 逾期未缴, 可申请强制执行,
待结案.

Each is one ``Exists`` over the decision rows and the core deadlines linked to them (``PaymentDeadline``), so
the list stays one query whatever the filter: the due dates were computed through the working-day calendar
when the deadlines were opened, and the database only compares them with today.

``apply_stage_filter(qs, name)`` is kept apart from the list's other filters so both can be combined."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from enforcement.core.models.deadlines import RUNNING_STATUSES

from ..choices import CaseStatus
from ..models import Case, CaseDecision, CaseRemedy, DecisionKind, Publication
from ..models.payment import CaseExecutionStep, CasePayment, ExecutionStepKind, PaymentDeadline
from .payment import COURT_APPLY, DEMAND_WAIT, PAY_FINE

STAGES: tuple[tuple[str, str], ...] = (
    ("to_serve", "待送达"),
    ("to_publish", "待公示"),
    ("to_pay", "待缴款"),
    ("overdue_unpaid", "逾期未缴"),
    ("court_ready", "可申请强制执行"),
    ("to_close", "待结案"),
)
STAGE_LABELS = dict(STAGES)


def _deadline(kind: str, **extra: object) -> Exists:
    return Exists(
        PaymentDeadline.objects.filter(
            decision__case=OuterRef("pk"),
            deadline__kind=kind,
            deadline__status__in=RUNNING_STATUSES,
            **extra,
        )
    )


def _court_applied() -> QuerySet[CaseExecutionStep]:
    return CaseExecutionStep.objects.filter(decision=OuterRef("decision_id"), kind=ExecutionStepKind.COURT)


def _unperformed() -> Exists:
    """A penalty decision in force whose fine is not fully paid."""
    paid = (
        CasePayment.objects.filter(decision=OuterRef("pk"))
        .values("decision")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    rows = (
        CaseDecision.objects.filter(
            case=OuterRef("pk"), kind=DecisionKind.PENALTY, amount__gt=0, ended_on__isnull=True
        )
        .annotate(paid=Coalesce(paid, Value(0)))
        .filter(paid__lt=F("amount"))
    )
    return Exists(rows)


def stage_q(name: str, on: dt.date | None = None) -> Q:
    """The condition of stage ``name`` on day ``on`` (default today); ValueError for an unknown name."""
    today = on or timezone.localdate()
    after = Q(status__in=[CaseStatus.DECIDED, CaseStatus.EXECUTING])
    if name == "to_serve":
        unserved = CaseDecision.objects.filter(
            case=OuterRef("pk"), served_on__isnull=True, ended_on__isnull=True
        )
        return after & Q(Exists(unserved))
    if name == "to_publish":
        # a penalty decision in force that was never published (公示 within 7 working days, spec §1.15)
        unpublished = CaseDecision.objects.filter(
            case=OuterRef("pk"), kind=DecisionKind.PENALTY, ended_on__isnull=True
        ).exclude(Exists(Publication.objects.filter(decision=OuterRef("pk"))))
        return after & Q(Exists(unpublished))
    if name == "to_pay":
        return after & Q(_deadline(PAY_FINE, deadline__due_date__gte=today))
    if name == "overdue_unpaid":
        late = PaymentDeadline.objects.filter(
            decision__case=OuterRef("pk"),
            deadline__kind=PAY_FINE,
            deadline__status__in=RUNNING_STATUSES,
            deadline__due_date__lt=today,
        ).exclude(Exists(_court_applied()))
        return after & Q(Exists(late))
    if name == "court_ready":
        window = PaymentDeadline.objects.filter(
            decision__case=OuterRef("pk"),
            deadline__kind=COURT_APPLY,
            deadline__status__in=RUNNING_STATUSES,
            deadline__start_date__lte=today,
            deadline__due_date__gte=today,
        )
        waited = PaymentDeadline.objects.filter(
            decision=OuterRef("decision_id"),
            deadline__kind=DEMAND_WAIT,
            deadline__status__in=RUNNING_STATUSES,
            deadline__due_date__lt=today,
        )
        pending = CaseRemedy.objects.filter(decision=OuterRef("decision_id"), outcome="")
        return after & Q(Exists(window.filter(Exists(waited)).exclude(Exists(pending))))
    if name == "to_close":
        any_decision = CaseDecision.objects.filter(case=OuterRef("pk"))
        return after & Q(Exists(any_decision)) & ~Q(_unperformed())
    raise ValueError(name)


QS = TypeVar("QS", bound=QuerySet[Case])


def apply_stage_filter(qs: QS, name: str, on: dt.date | None = None) -> QS:
    """``qs`` narrowed to the stage ``name`` (one of ``STAGES``); an unknown or empty name leaves it as is."""
    if name not in STAGE_LABELS:
        return qs
    return qs.filter(stage_q(name, on))
