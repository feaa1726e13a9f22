"""Forms of the case pages: they only shape the input; the services validate again."""

from __future__ import annotations

from typing import Any

from django import forms

from enforcement.core.models import User

from .choices import CaseAction as A
from .choices import CaseStatus
from .forms_conclude import ConcludeForm

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
