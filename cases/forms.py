"""Forms of the case pages: they only shape the input; the services validate again."""

from __future__ import annotations

from typing import Any

from django import forms

from enforcement.core.models import User

from .choices import CaseAction as A
from .choices import CaseStatus, Proposal, SummaryPenalty, TransferTo
from .forms_after_decision import RecordRemedyForm, RemedyOutcomeForm, ServeForm
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


class DefenceForm(DatedForm):
    text = _text("陈述申辩意见", rows=3)
    adopted = forms.TypedChoiceField(
        label="复核结果",
        choices=[("true", "采纳"), ("false", "不予采纳")],
        coerce=lambda v: v == "true",
        widget=forms.Select(attrs=SELECT),
    )


class ConcludeForm(DatedForm):
    facts = _text("查明的违法事实", rows=3)
    proposal = forms.ChoiceField(
        label="处理意见", choices=Proposal.choices, widget=forms.Select(attrs=SELECT)
    )
    violation = forms.CharField(
        label="违法行为编码（裁量基准）", required=False, widget=forms.TextInput(attrs=TEXT)
    )
    amount = forms.IntegerField(
        label="拟对单位罚款（元）", required=False, min_value=0, widget=forms.NumberInput(attrs=TEXT)
    )
    reason = _text("偏离推荐值的理由（超出推荐范围时必填）", required=False)

    def params(self) -> dict[str, Any]:
        d = self.cleaned_data
        violations = []
        if d.get("violation"):
            fines = [{"subject": "unit", "amount": d["amount"]}] if d.get("amount") is not None else []
            violations.append(
                {"violation": d["violation"].strip(), "fines": fines, "reason": d.get("reason") or ""}
            )
        return {
            "date": d.get("date"),
            "facts": d["facts"],
            "proposal": d["proposal"],
            "violations": violations,
        }


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
    handlers = _users("承办人（第一位为主办人）", many=True)
    reason = _text("变更理由")

    def params(self) -> dict[str, Any]:
        return {"handlers": list(self.cleaned_data["handlers"]), "reason": self.cleaned_data["reason"]}


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


ACTION_FORMS: dict[str, type[forms.Form]] = {
    A.SUBMIT_FILING: DatedForm,
    A.APPROVE_FILING: OpinionForm,
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
}


def form_params(form: forms.Form) -> dict[str, Any]:
    if hasattr(form, "params"):
        params: dict[str, Any] = form.params()
    else:
        params = dict(form.cleaned_data)
    return {k: v for k, v in params.items() if not (k == "date" and v is None)}


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部")] + list(CaseStatus.choices),
        widget=forms.Select(attrs=SELECT),
    )
    party = forms.CharField(label="当事人", required=False, widget=forms.TextInput(attrs=TEXT))
