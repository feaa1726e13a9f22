"""Forms of the case pages: they only shape the input; the services validate again."""

from __future__ import annotations

from typing import Any

from django import forms

from enforcement.core.models import User

from .choices import CaseAction as A
from .choices import SummaryPenalty, TransferTo
from .forms_after_decision import RecordRemedyForm, RemedyOutcomeForm, ServeForm
from .forms_conclude import ConcludeForm
from .models import CloseGround

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _date() -> forms.DateField:
    return forms.DateField(
        label="日期", required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )


def _text(label: str, required: bool = True, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={**TEXT, "rows": rows})
    )


def _users(label: str, many: bool = False) -> Any:
    qs = User.objects.filter(is_active=True).order_by("pk")
    if many:
        return forms.ModelMultipleChoiceField(
            qs, label=label, widget=forms.SelectMultiple(attrs={**SELECT, "size": 4})
        )
    return forms.ModelChoiceField(qs, label=label, widget=forms.Select(attrs=SELECT))


class DatedForm(forms.Form):
    date = _date()


class OpinionForm(DatedForm):
    opinion = _text("审批意见")


class ApproveFilingForm(OpinionForm):
    lead = forms.ModelChoiceField(
        User.objects.filter(is_active=True).order_by("pk"),
        label="指定主办人（可不改）",
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    handlers = forms.ModelMultipleChoiceField(
        User.objects.filter(is_active=True).order_by("pk"),
        label="指定其他承办人（可不改）",
        required=False,
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 4}),
    )

    def params(self) -> dict[str, Any]:
        d = self.cleaned_data
        out: dict[str, Any] = {"date": d.get("date"), "opinion": d["opinion"]}
        lead, others = d.get("lead"), list(d.get("handlers") or [])
        if lead is not None or others:
            chosen = ([lead] if lead is not None else []) + [
                u for u in others if lead is None or u.pk != lead.pk
            ]
            out["handlers"] = chosen
        return out


class DefenceForm(DatedForm):
    text = _text("陈述申辩意见", rows=3)
    adopted = forms.TypedChoiceField(
        label="复核结果",
        choices=[("true", "采纳"), ("false", "不予采纳")],
        coerce=lambda v: v == "true",
        widget=forms.Select(attrs=SELECT),
    )


class ScheduleForm(forms.Form):
    hearing_at = forms.DateTimeField(
        label="听证时间", widget=forms.DateTimeInput(attrs={**TEXT, "type": "datetime-local"})
    )
    place = forms.CharField(label="听证地点", widget=forms.TextInput(attrs=TEXT))
    chair = _users("听证主持人（非本案调查人员）")


class HoldForm(DatedForm):
    record = _text("听证笔录要点", rows=3)


class SubmitReviewForm(DatedForm):
    reviewer = forms.ModelChoiceField(
        User.objects.filter(is_active=True, groups__name="法制审核人员").order_by("pk"),
        label="审核人员（可不选，由本机关法制审核人员领取）",
        required=False,
        widget=forms.Select(attrs=SELECT),
    )


class CompleteReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="审核结论",
        choices=[("approved", "通过"), ("returned", "退回补充")],
        widget=forms.Select(attrs=SELECT),
    )
    opinion = _text("法制审核意见", rows=3)


class CollectiveForm(DatedForm):
    participants = forms.CharField(label="参加人（以顿号分隔）", widget=forms.TextInput(attrs=TEXT))
    conclusion = _text("讨论结论")

    def params(self) -> dict[str, Any]:
        d = self.cleaned_data
        names = [
            n.strip()
            for n in d["participants"].replace(",", "、").replace("，", "、").split("、")
            if n.strip()
        ]
        return {"date": d.get("date"), "participants": names, "conclusion": d["conclusion"]}


class ReassignForm(forms.Form):
    lead = _users("主办人")
    handlers = _users("其他承办人（可多选）", many=True)
    reason = _text("变更理由")

    def params(self) -> dict[str, Any]:
        lead = self.cleaned_data["lead"]
        others = [u for u in self.cleaned_data["handlers"] if u.pk != lead.pk]
        return {"handlers": [lead, *others], "reason": self.cleaned_data["reason"]}


class RecusalRequestForm(forms.Form):
    user = _users("申请回避的承办人")
    reason = _text("回避理由")


class RecusalDecisionForm(RecusalRequestForm):
    recused = forms.TypedChoiceField(
        label="决定",
        choices=[("true", "回避"), ("false", "不回避")],
        coerce=lambda v: v == "true",
        widget=forms.Select(attrs=SELECT),
    )
    replacement = forms.ModelChoiceField(
        User.objects.filter(is_active=True).order_by("pk"),
        label="替换承办人",
        required=False,
        widget=forms.Select(attrs=SELECT),
    )


class ExtensionForm(forms.Form):
    until = forms.DateField(label="申请延长至", widget=forms.DateInput(attrs={**TEXT, "type": "date"}))
    reason = _text("延期理由")


class DecideForm(DatedForm):
    overdue_reason = _text("超期作出决定的理由（超过办案期限时必填）", required=False)


class EmptyForm(forms.Form):
    pass


class NoteForm(DatedForm):
    note = forms.CharField(label="说明", required=False, widget=forms.TextInput(attrs=TEXT))


class OnSpotForm(DatedForm):
    penalty = forms.ChoiceField(
        label="处罚种类", choices=SummaryPenalty.choices, widget=forms.Select(attrs=SELECT)
    )
    amount = forms.IntegerField(
        label="罚款数额（元）", required=False, min_value=0, widget=forms.NumberInput(attrs=TEXT)
    )
    facts = _text("违法事实", rows=3)
    provision = forms.CharField(label="违反的规定", widget=forms.TextInput(attrs=TEXT))
    basis = forms.CharField(label="处罚依据", widget=forms.TextInput(attrs=TEXT))
    place = forms.CharField(label="处罚地点", widget=forms.TextInput(attrs=TEXT))
    party_signed = forms.TypedChoiceField(
        label="当事人签收",
        choices=[("true", "已签收"), ("false", "拒绝签收")],
        coerce=lambda v: v == "true",
        widget=forms.Select(attrs=SELECT),
    )
    refusal_note = forms.CharField(label="拒绝签收情况", required=False, widget=forms.TextInput(attrs=TEXT))
    cash = forms.BooleanField(label="当场收缴罚款", required=False)
    cash_reason = forms.CharField(
        label="当场收缴理由（超过100元时须写明事后难以执行的情形）",
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    receipt_number = forms.CharField(
        label="罚没款收据编号", required=False, widget=forms.TextInput(attrs=TEXT)
    )


class TransferForm(DatedForm):
    to = forms.ChoiceField(label="移送对象", choices=TransferTo.choices, widget=forms.Select(attrs=SELECT))
    receiving_body = forms.CharField(label="接收机关", widget=forms.TextInput(attrs=TEXT))
    reason = _text("移送理由（涉嫌犯罪的事实或管辖理由）", rows=3)


class TransferReceiptForm(forms.Form):
    received_on = forms.DateField(
        label="接收（回执签收）日期", required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    receipt_by = forms.CharField(label="签收人", required=False, widget=forms.TextInput(attrs=TEXT))
    outcome = forms.ChoiceField(
        label="受理情况",
        required=False,
        choices=[("", "尚未答复"), ("accepted", "受理（立案）"), ("declined", "不予受理（不予立案）")],
        widget=forms.Select(attrs=SELECT),
    )
    outcome_on = forms.DateField(
        label="受理决定日期", required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    outcome_reason = forms.CharField(label="不予受理理由", required=False, widget=forms.TextInput(attrs=TEXT))
    handed_over_on = forms.DateField(
        label="移交涉案物品和材料日期", required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )

    def params(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class ResumeForm(DatedForm):
    follow_up = _text("不予受理后的处理情况", rows=3)


class CloseForm(DatedForm):
    ground = forms.ChoiceField(
        label="结案理由", choices=CloseGround.choices, widget=forms.Select(attrs=SELECT)
    )
    note = _text("执行情况/说明", required=False)


class ArchiveForm(forms.Form):
    note = _text("备注", required=False)


def _decision_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="处罚决定（见“缴款与执行”表的编号；只有一份时可不填）",
        required=False,
        widget=forms.NumberInput(attrs=TEXT),
    )


def _schedule_lines(text: str) -> list[dict[str, Any]]:
    """ "2026-07-01 10000" per line → [{"due", "amount"}]; a malformed line is left for the service to refuse."""
    out: list[dict[str, Any]] = []
    for line in (text or "").splitlines():
        parts = line.replace("，", " ").replace(",", " ").split()
        if len(parts) == 2:
            out.append({"due": parts[0], "amount": parts[1]})
        elif parts:
            out.append({"due": line})
    return out


class PaymentForm(DatedForm):
    decision = _decision_field()
    amount = forms.IntegerField(
        label="缴纳罚款（元）", min_value=0, initial=0, widget=forms.NumberInput(attrs=TEXT)
    )
    surcharge = forms.DecimalField(
        label="缴纳加处罚款（元）",
        min_value=0,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs=TEXT),
    )
    note = forms.CharField(label="票据号/说明", required=False, widget=forms.TextInput(attrs=TEXT))


class DeferralRequestForm(DatedForm):
    decision = _decision_field()
    kind = forms.ChoiceField(
        label="申请方式",
        choices=[("defer", "延期缴纳"), ("instalments", "分期缴纳")],
        widget=forms.Select(attrs=SELECT),
    )
    schedule = _text("缴款计划（每行一期：日期 金额，如 2026-07-01 10000）")
    reason = _text("申请理由（经济困难情况）")

    def params(self) -> dict[str, Any]:
        return {**self.cleaned_data, "schedule": _schedule_lines(self.cleaned_data["schedule"])}


class DeferralDecisionForm(DatedForm):
    decision = _decision_field()
    approved = forms.TypedChoiceField(
        label="审批结果",
        choices=[("true", "批准"), ("false", "不予批准")],
        coerce=lambda v: v == "true",
        widget=forms.Select(attrs=SELECT),
    )
    schedule = _text("批准的缴款计划（不填则按申请；每行一期：日期 金额）", required=False)
    opinion = _text("审批意见", required=False)

    def params(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d["schedule"] = _schedule_lines(d.get("schedule") or "")
        if not d["schedule"]:
            d.pop("schedule")
        return d


class DecisionStepForm(DatedForm):
    decision = _decision_field()


class CourtForm(DecisionStepForm):
    court = forms.CharField(label="受理法院", required=False, widget=forms.TextInput(attrs=TEXT))


class PublishForm(forms.Form):
    decision = forms.IntegerField(label="处罚决定", widget=forms.NumberInput(attrs=TEXT))
    note = forms.CharField(label="备注", required=False, widget=forms.TextInput(attrs=TEXT))


class WithdrawPublicationForm(forms.Form):
    decision = forms.IntegerField(label="处罚决定", widget=forms.NumberInput(attrs=TEXT))
    reason = _text("撤回理由（决定变更、撤销的，说明情况）")


ACTION_FORMS: dict[str, type[forms.Form]] = {
    A.SUBMIT_FILING: DatedForm,
    A.APPROVE_FILING: ApproveFilingForm,
    A.REJECT_FILING: OpinionForm,
    A.REASSIGN_HANDLERS: ReassignForm,
    A.REQUEST_RECUSAL: RecusalRequestForm,
    A.DECIDE_RECUSAL: RecusalDecisionForm,
    A.CONCLUDE_INVESTIGATION: ConcludeForm,
    A.NOTIFY: DatedForm,
    A.RECORD_DEFENCE: DefenceForm,
    A.REQUEST_HEARING: DatedForm,
    A.WAIVE_RIGHTS: DatedForm,
    A.SCHEDULE_HEARING: ScheduleForm,
    A.HOLD_HEARING: HoldForm,
    A.SUBMIT_LEGAL_REVIEW: SubmitReviewForm,
    A.TAKE_LEGAL_REVIEW: EmptyForm,
    A.COMPLETE_LEGAL_REVIEW: CompleteReviewForm,
    A.RECORD_COLLECTIVE_DISCUSSION: CollectiveForm,
    A.REQUEST_EXTENSION: ExtensionForm,
    A.APPROVE_EXTENSION: EmptyForm,
    A.DECIDE: DecideForm,
    A.DECIDE_ON_SPOT: OnSpotForm,
    A.RECORD_FILING_BACK: NoteForm,
    A.RECORD_CASH_HANDOVER: NoteForm,
    A.TRANSFER: TransferForm,
    A.RECORD_TRANSFER_RECEIPT: TransferReceiptForm,
    A.RESUME_AFTER_TRANSFER: ResumeForm,
    A.CLOSE: CloseForm,
    A.ARCHIVE: ArchiveForm,
    A.SERVE: ServeForm,
    A.RECORD_REMEDY: RecordRemedyForm,
    A.RECORD_REMEDY_OUTCOME: RemedyOutcomeForm,
    A.RECORD_PAYMENT: PaymentForm,
    A.REQUEST_DEFERRAL: DeferralRequestForm,
    A.APPROVE_DEFERRAL: DeferralDecisionForm,
    A.SERVE_DEMAND: DecisionStepForm,
    A.APPLY_COURT_ENFORCEMENT: CourtForm,
    A.PUBLISH: PublishForm,
    A.WITHDRAW_PUBLICATION: WithdrawPublicationForm,
}


def form_params(form: forms.Form) -> dict[str, Any]:
    if hasattr(form, "params"):
        params: dict[str, Any] = form.params()
    else:
        params = dict(form.cleaned_data)
    return {k: v for k, v in params.items() if not (k == "date" and v is None)}


def scope_people(form: forms.Form, agency_id: int | None) -> forms.Form:
    """Offer only the people of the case's deciding agency in the form's person pickers (handlers, chair,
    reviewer, replacement): the services refuse anyone else, and other agencies' staff are not listed."""
    for field in form.fields.values():
        qs = getattr(field, "queryset", None)
        if isinstance(field, forms.ModelChoiceField) and qs is not None and qs.model is User:
            field.queryset = qs.filter(agency_id=agency_id)
    return form


def label_people(action_forms: list[forms.Form], case: Any) -> None:
    """Name, beside each person offered as a handler (approve_filing, reassign_handlers), why ``may_enforce``
    refuses them today for the case's item: the page says why before the service refuses."""
    from django.utils import timezone

    from training.guards import may_enforce_many

    from .services.guards import case_item

    fields = [f for form in action_forms for name, f in form.fields.items() if name in ("lead", "handlers")]
    if not fields:
        return
    people = list(getattr(fields[0], "queryset", User.objects.none()))
    verdicts = may_enforce_many(people, timezone.localdate(), item=case_item(case)) if people else {}

    def label(user: Any) -> str:
        verdict = verdicts.get(user.pk)
        if verdict is None or verdict.allowed:
            return str(user.display_name)
        return f"{user.display_name}（不能承办：{'；'.join(verdict.reasons)}）"

    for field in fields:
        field.label_from_instance = label  # type: ignore[attr-defined]
