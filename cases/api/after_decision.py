"""API shapes of the actions after the decision owned by 送达 and 复议/诉讼 (CONTRACT "More case actions":
``serve``, ``record_remedy``; ``record_remedy_outcome`` adds the answer/outcome later) and the per-decision
rows of the case detail (service, the party's remedy windows with their why, remedies)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..models import RemedyKind, RemedyOutcome, ServiceMethod


class ServeIn(serializers.Serializer):  # type: ignore[type-arg]
    document = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    decision = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    method = serializers.ChoiceField(choices=ServiceMethod.choices)
    date = serializers.DateField(required=False)
    recipient = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    recipient_relation = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    place = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    witnesses = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list, max_length=10
    )
    refusal_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    receipt_date = serializers.DateField(required=False, allow_null=True, default=None)
    tracking_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    consent_ref = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    consent_on = serializers.DateField(required=False, allow_null=True, default=None)
    electronic_address = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    arrived_on = serializers.DateField(required=False, allow_null=True, default=None)
    entrusted_to = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    publication_medium = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    public_notice_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    receipt = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    receipt_file = serializers.FileField(required=False, allow_null=True)


OUTCOMES = [c for c in RemedyOutcome.choices if c[0]]


class _Outcome(serializers.Serializer):  # type: ignore[type-arg]
    outcome = serializers.ChoiceField(choices=OUTCOMES, required=False, allow_blank=True, default="")
    outcome_on = serializers.DateField(required=False, allow_null=True, default=None)
    new_amount = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    answered_on = serializers.DateField(required=False, allow_null=True, default=None)
    redo_due = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class RecordRemedyIn(_Outcome):
    decision = serializers.IntegerField(min_value=1)
    kind = serializers.ChoiceField(choices=RemedyKind.choices)
    received_on = serializers.DateField()
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class RemedyOutcomeIn(_Outcome):
    remedy = serializers.IntegerField(min_value=1)


def _service_out(sv: Any) -> dict[str, Any] | None:
    if sv is None:
        return None
    return {
        "method": sv.method,
        "method_label": sv.get_method_display(),
        "date": sv.served_date.isoformat(),
        "recipient": sv.recipient,
        "effective_on": sv.effective_on.isoformat(),
        "basis": sv.basis,
        "receipt": sv.receipt_id,
    }


def decision_out(row: dict[str, Any]) -> dict[str, Any]:
    d = row["decision"]
    return {
        "id": d.pk,
        "kind": d.kind,
        "party_role": d.party_role,
        "party_name": d.party_name,
        "amount": d.amount,
        "original_amount": d.original_amount,
        "measures": d.measures,
        "decided_on": d.decided_on.isoformat(),
        "number": d.number or None,
        "document": d.document_id,
        "served_on": d.served_on.isoformat() if d.served_on else None,
        "service": _service_out(row["service"]),
        "windows": [
            {
                "kind": w.kind,
                "label": w.label,
                "end": w.end.isoformat(),
                "provisional": w.provisional,
                "basis": w.basis,
            }
            for w in row["windows"]
        ],
        "remedies": [
            {
                "id": r.pk,
                "kind": r.kind,
                "body": r.body,
                "received_on": r.received_on.isoformat(),
                "answer_due": r.answer_due.isoformat() if r.answer_due else None,
                "answered_on": r.answered_on.isoformat() if r.answered_on else None,
                "outcome": r.outcome or None,
                "outcome_on": r.outcome_on.isoformat() if r.outcome_on else None,
                "new_amount": r.new_amount,
            }
            for r in row["remedies"]
        ],
        "ended_on": d.ended_on.isoformat() if d.ended_on else None,
        "ended_reason": d.ended_reason,
    }
