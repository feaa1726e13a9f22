"""Case API shapes (CONTRACT.md "Case actions", "Case bodies", "More case actions")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from enforcement.core.models import Deadline, User

from ..choices import CaseAction as A
from ..choices import CaseSource, Procedure
from ..models import Case, CaseEvent, CaseTransfer, CaseViolation, CloseGround
from ..models.payment import DeferralKind
from ..services.payment_ledger import ledgers_for
from ..services.remedies import decision_rows
from .after_decision import RecordRemedyIn, RemedyOutcomeIn, ServeIn, decision_out
from .rows import publications_out, summary_row, transfer_row

# --- input --------------------------------------------------------------------------------------------


class UserField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=User.objects.filter(is_active=True), **kwargs)


class CaseCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    party = serializers.DictField()
    source = serializers.ChoiceField(choices=CaseSource.choices)  # type: ignore[assignment]  # a field named "source"
    source_ref = serializers.DictField(required=False, default=dict)
    cause = serializers.CharField(max_length=300)
    violation_date = serializers.DateField()
    violation_end = serializers.DateField(required=False, allow_null=True, default=None)
    discovered_on = serializers.DateField(required=False, allow_null=True, default=None)
    life_health_harm = serializers.BooleanField(required=False, default=False)
    handlers = serializers.ListField(child=UserField(), min_length=2)
    procedure = serializers.ChoiceField(choices=Procedure.choices, required=False, default=Procedure.ORDINARY)


class _Dated(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField(required=False)


class _Note(_Dated):
    note = serializers.CharField(required=False, allow_blank=True)


class _Opinion(_Dated):
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class _Approve(_Opinion):
    handlers = serializers.ListField(child=UserField(), required=False)


class _Reassign(serializers.Serializer):  # type: ignore[type-arg]
    handlers = serializers.ListField(child=UserField())
    reason = serializers.CharField(allow_blank=True, default="")


class _RecusalRequest(serializers.Serializer):  # type: ignore[type-arg]
    user = UserField()
    reason = serializers.CharField(allow_blank=True, default="")


class _RecusalDecision(_RecusalRequest):
    recused = serializers.BooleanField()
    replacement = UserField(required=False, allow_null=True, default=None)


class _Fine(serializers.Serializer):  # type: ignore[type-arg]
    subject = serializers.CharField()
    person = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.IntegerField(min_value=0)


class _ViolationIn(serializers.Serializer):  # type: ignore[type-arg]
    violation = serializers.CharField()
    tier = serializers.CharField(required=False, allow_blank=True, default="")
    stage = serializers.ChoiceField(choices=["first", "overdue"], required=False, default="first")
    circumstances = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    facts = serializers.DictField(required=False, default=dict)
    fines = _Fine(many=True, required=False, default=list)
    other_measures = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class _Conclude(_Dated):
    facts = serializers.CharField(allow_blank=True)
    proposal = serializers.CharField()
    violations = _ViolationIn(many=True, required=False, default=list)


class _Defence(_Dated):
    text = serializers.CharField(allow_blank=True)
    adopted = serializers.BooleanField(allow_null=True, default=None)


class _Schedule(serializers.Serializer):  # type: ignore[type-arg]
    hearing_at = serializers.DateTimeField()
    place = serializers.CharField(allow_blank=True)
    chair = UserField()


class _Hold(_Dated):
    record = serializers.CharField(allow_blank=True)


class _SubmitReview(_Dated):
    reviewer = UserField(required=False, allow_null=True, default=None)


class _CompleteReview(serializers.Serializer):  # type: ignore[type-arg]
    outcome = serializers.CharField()
    opinion = serializers.CharField(allow_blank=True)


class _Collective(_Dated):
    participants = serializers.ListField(child=serializers.CharField())
    conclusion = serializers.CharField(allow_blank=True)


class _RequestExtension(serializers.Serializer):  # type: ignore[type-arg]
    until = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)


class _DecidedFine(_Fine):
    violation = serializers.IntegerField()


class _Decide(_Dated):
    fines = _DecidedFine(many=True, required=False, default=list)
    overdue_reason = serializers.CharField(required=False, allow_blank=True, default="")


class _Empty(serializers.Serializer):  # type: ignore[type-arg]
    pass


class _OnSpot(_Dated):
    penalty = serializers.CharField()
    amount = serializers.IntegerField(min_value=0, required=False, default=0)
    facts = serializers.CharField(allow_blank=True)
    provision = serializers.CharField(allow_blank=True)
    basis = serializers.CharField(allow_blank=True)
    place = serializers.CharField(allow_blank=True)
    decided_at = serializers.DateTimeField(required=False)
    party_signed = serializers.BooleanField(required=False, default=True)
    refusal_note = serializers.CharField(required=False, allow_blank=True, default="")
    cash = serializers.BooleanField(required=False, default=False)
    cash_reason = serializers.CharField(required=False, allow_blank=True, default="")
    receipt_number = serializers.CharField(required=False, allow_blank=True, default="")


class _Transfer(_Dated):
    to = serializers.CharField()
    receiving_body = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)


class _TransferReceipt(serializers.Serializer):  # type: ignore[type-arg]
    received_on = serializers.DateField(required=False)
    receipt_by = serializers.CharField(required=False, allow_blank=True, default="")
    outcome = serializers.CharField(required=False, allow_blank=True, default="")
    outcome_on = serializers.DateField(required=False)
    outcome_reason = serializers.CharField(required=False, allow_blank=True, default="")
    handed_over_on = serializers.DateField(required=False)


class _Resume(_Dated):
    follow_up = serializers.CharField(allow_blank=True)


class _Close(_Note):
    ground = serializers.ChoiceField(choices=CloseGround.choices)


class _Payment(_Dated):
    decision = serializers.IntegerField(required=False, allow_null=True, default=None)
    amount = serializers.IntegerField(min_value=0, required=False, default=0)
    surcharge = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal(0), required=False, default=Decimal(0)
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class _Instalment(serializers.Serializer):  # type: ignore[type-arg]
    due = serializers.DateField()
    amount = serializers.IntegerField(min_value=1)


class _DeferralRequest(_Dated):
    decision = serializers.IntegerField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=DeferralKind.choices)
    schedule = _Instalment(many=True)
    reason = serializers.CharField(allow_blank=True)


class _DeferralDecision(_Dated):
    decision = serializers.IntegerField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=DeferralKind.choices, required=False)
    schedule = _Instalment(many=True, required=False)
    approved = serializers.BooleanField(required=False, default=True)
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class _DecisionStep(_Dated):
    decision = serializers.IntegerField()
    court = serializers.CharField(required=False, allow_blank=True, default="")


class _Publish(_Dated):
    decision = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True)


class _WithdrawPublication(serializers.Serializer):  # type: ignore[type-arg]
    decision = serializers.IntegerField()
    reason = serializers.CharField(allow_blank=True)


ACTION_INPUTS: dict[str, type[serializers.Serializer]] = {  # type: ignore[type-arg]
    A.SUBMIT_FILING: _Note,
    A.APPROVE_FILING: _Approve,
    A.REJECT_FILING: _Opinion,
    A.REASSIGN_HANDLERS: _Reassign,
    A.REQUEST_RECUSAL: _RecusalRequest,
    A.DECIDE_RECUSAL: _RecusalDecision,
    A.CONCLUDE_INVESTIGATION: _Conclude,
    A.NOTIFY: _Dated,
    A.RECORD_DEFENCE: _Defence,
    A.REQUEST_HEARING: _Dated,
    A.WAIVE_RIGHTS: _Dated,
    A.SCHEDULE_HEARING: _Schedule,
    A.HOLD_HEARING: _Hold,
    A.SUBMIT_LEGAL_REVIEW: _SubmitReview,
    A.TAKE_LEGAL_REVIEW: _Empty,
    A.COMPLETE_LEGAL_REVIEW: _CompleteReview,
    A.RECORD_COLLECTIVE_DISCUSSION: _Collective,
    A.REQUEST_EXTENSION: _RequestExtension,
    A.APPROVE_EXTENSION: _Empty,
    A.DECIDE: _Decide,
    A.DECIDE_ON_SPOT: _OnSpot,
    A.RECORD_FILING_BACK: _Note,
    A.RECORD_CASH_HANDOVER: _Note,
    A.TRANSFER: _Transfer,
    A.RECORD_TRANSFER_RECEIPT: _TransferReceipt,
    A.RESUME_AFTER_TRANSFER: _Resume,
    A.CLOSE: _Close,
    A.ARCHIVE: _Note,
    A.SERVE: ServeIn,
    A.RECORD_REMEDY: RecordRemedyIn,
    A.RECORD_REMEDY_OUTCOME: RemedyOutcomeIn,
    A.RECORD_PAYMENT: _Payment,
    A.REQUEST_DEFERRAL: _DeferralRequest,
    A.APPROVE_DEFERRAL: _DeferralDecision,
    A.SERVE_DEMAND: _DecisionStep,
    A.APPLY_COURT_ENFORCEMENT: _DecisionStep,
    A.PUBLISH: _Publish,
    A.WITHDRAW_PUBLICATION: _WithdrawPublication,
}


def action_params(move: str, data: Any) -> dict[str, Any]:
    payload = ACTION_INPUTS[move](data=data)
    payload.is_valid(raise_exception=True)
    params = dict(payload.validated_data)
    if move == A.CONCLUDE_INVESTIGATION:
        params["violations"] = [
            {**dict(v), "fines": [dict(f) for f in v.get("fines", [])]} for v in params.get("violations", [])
        ]
    if move == A.DECIDE:
        params["fines"] = [dict(f) for f in params.get("fines", [])]
    if "schedule" in params:
        params["schedule"] = [dict(i) for i in params["schedule"]]
    return params


class EvidenceInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField()
    kind = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    collected_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(required=False, allow_blank=True, default="")


def evidence_row(e: Any, request: Any) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": e.kind,
        "kind_label": e.get_kind_display(),
        "description": e.description,
        "name": e.original_name,
        "content_type": e.content_type,
        "size": e.size,
        "sha256": e.sha256,
        "collected_at": e.collected_at,
        "place": e.place,
        "collector": e.collector.display_name,
        "uploaded_at": e.uploaded_at,
        "superseded": e.superseded_at is not None,
        "superseded_reason": e.superseded_reason,
        "file": request.build_absolute_uri(f"/api/v1/cases/{e.case_id}/evidence/{e.pk}/file/"),
    }


# --- output -------------------------------------------------------------------------------------------


def party_of(case: Case) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": case.party_kind, "name": case.party_name}
    if case.enterprise_id:
        out["enterprise"] = case.enterprise_id
    if case.party_id_number:
        out["id_number"] = case.party_id_number
    if case.party_credit_code:
        out["credit_code"] = case.party_credit_code
    if case.party_representative:
        out["representative"] = case.party_representative
    if case.party_address:
        out["address"] = case.party_address
    return out


def case_list_row(case: Case) -> dict[str, Any]:
    """One row of the list, the very fields of ``CaseSerializer`` written out plainly (the list serializes
    50 rows per request: DRF's field machinery would cost more than the SQL)."""
    return {
        "id": case.pk,
        "number": case.number,
        "status": case.status,
        "status_label": case.get_status_display(),
        "procedure": case.procedure,
        "party": party_of(case),
        "cause": case.cause,
        "source": case.source,
        "source_ref": case.source_ref,
        "deciding_agency": case.deciding_agency_id,
        "deciding_agency_name": case.deciding_agency.name,
        "violation_date": _iso(case.violation_date),
        "filed_on": _iso(case.filed_on),
        "decision_due": _iso(case.decision_due),
        "decided_on": _iso(case.decided_on),
        "overdue": getattr(case, "overdue", None),
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class CaseSerializer(serializers.ModelSerializer[Case]):
    party = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")
    deciding_agency_name = serializers.CharField(source="deciding_agency.name")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "status",
            "status_label",
            "procedure",
            "party",
            "cause",
            "source",
            "source_ref",
            "deciding_agency",
            "deciding_agency_name",
            "violation_date",
            "filed_on",
            "decision_due",
            "decided_on",
            "overdue",
        ]

    def get_party(self, case: Case) -> dict[str, Any]:
        return party_of(case)

    def get_overdue(self, case: Case) -> bool | None:
        """A running deadline of the case is past due (annotated by ``cases.listing.case_rows``)."""
        return getattr(case, "overdue", None)


class CaseViolationSerializer(serializers.ModelSerializer[CaseViolation]):
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = CaseViolation
        fields = [
            "id",
            "position",
            "violation_code",
            "violation_name",
            "circumstances",
            "fines",
            "notified_fines",
            "decided_fines",
            "other_measures",
            "outside_recommendation",
            "outside_reason",
            "snapshot",
            "total",
        ]


def deadline_row(d: Deadline) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "kind": d.kind,
        "title": d.title,
        "due": d.due_date.isoformat(),
        "status": d.status,
        "basis": d.basis,
        "start": d.start_date.isoformat(),
        "overdue": d.status == "open" and d.due_date < today,
    }


def case_detail(
    case: Case, *, handlers: list[Any], deadlines: list[Deadline], actions: Any
) -> dict[str, Any]:
    available, blocked = actions
    ledgers = {led.decision.pk: led for led in ledgers_for(case)}
    data = dict(CaseSerializer(case).data)
    data.update(
        {
            "handlers": [
                {
                    "id": h.user_id,
                    "name": h.user.display_name,
                    "lead": h.is_lead,
                    "recusal_requested": h.recusal_requested,
                }
                for h in handlers
            ],
            "item": case.item.code if case.item is not None else None,
            "violation_end": case.violation_end,
            "discovered_on": case.discovered_on,
            "life_health_harm": case.life_health_harm,
            "proposal": case.proposal,
            "facts": case.facts,
            "notice_date": case.notice_date,
            "hearing_right": case.hearing_right,
            "hearing_at": case.hearing_at,
            "review_required": case.review_required,
            "review_reasons": case.review_reasons,
            "review_status": case.review_status,
            "collective_required": case.collective_required,
            "collective_reasons": case.collective_reasons,
            "overdue_reason": case.overdue_reason,
            "violations": CaseViolationSerializer(case.violations.all(), many=True).data,
            "decisions": [
                {
                    **decision_out(row),
                    "payment": ledgers[row["decision"].pk].as_dict()
                    if row["decision"].pk in ledgers
                    else None,
                    "publications": publications_out(row["decision"]),
                }
                for row in decision_rows(case)
            ],
            "deadlines": [deadline_row(d) for d in deadlines],
            "procedure": case.procedure,
            "procedure_label": case.get_procedure_display(),
            "summary": summary_row(case),
            "transfers": [transfer_row(t) for t in CaseTransfer.objects.filter(case=case).order_by("id")],
            "available_actions": available,
            "blocked_actions": blocked,
        }
    )
    return data


class TimelineSerializer(serializers.ModelSerializer[CaseEvent]):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["at", "actor", "action", "summary", "from_status", "to_status", "on_date"]

    def get_actor(self, e: CaseEvent) -> str:
        return e.actor.display_name if e.actor is not None else "系统"
