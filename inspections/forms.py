"""Forms of the inspections pages (the services validate again; these only shape the input)."""

from __future__ import annotations

from typing import Any

from django import forms

from enforcement.core.access import agency_scope_filter
from enforcement.core.models import EnforcementItem, Enterprise, User

from .choices import HazardLevel, RecheckResult
from .models import ChecklistTemplate, HazardStandardItem

TEXT = {"class": "form-control form-control-lg"}
SELECT = {"class": "form-select form-select-lg"}


class SchemeForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.none(), label="检查对象", widget=forms.Select(attrs=SELECT)
    )
    item = forms.ModelChoiceField(
        EnforcementItem.objects.filter(kind="inspection"), label="执法事项", widget=forms.Select(attrs=SELECT)
    )
    window_start = forms.DateField(label="检查时间起", widget=forms.DateInput(attrs={**TEXT, "type": "date"}))
    window_end = forms.DateField(label="检查时间止", widget=forms.DateInput(attrs={**TEXT, "type": "date"}))
    officers = forms.ModelMultipleChoiceField(
        User.objects.none(),
        label="检查组执法人员（第一位为组长，至少2名持有效执法证人员）",
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 5}),
    )
    templates = forms.ModelMultipleChoiceField(
        ChecklistTemplate.objects.filter(is_active=True),
        label="检查表",
        widget=forms.CheckboxSelectMultiple,
    )
    experts = forms.CharField(
        label="专家（每行一位：姓名，单位，专业；专家不计入执法人员）",
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    content = forms.CharField(
        label="检查内容", required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 3})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["enterprise"]
        field.queryset = Enterprise.objects.filter(agency_id=user.agency_id, is_active=True).order_by("name")
        officers: Any = self.fields["officers"]
        officers.queryset = User.objects.filter(agency_scope_filter(user, "agency"), is_active=True).order_by(
            "pk"
        )

    def expert_rows(self) -> list[dict[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("experts") or "").splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if parts and parts[0]:
                rows.append(
                    {
                        "name": parts[0],
                        "organisation": parts[1] if len(parts) > 1 else "",
                        "speciality": parts[2] if len(parts) > 2 else "",
                    }
                )
        return rows


class HazardForm(forms.Form):
    level = forms.ChoiceField(
        label="隐患级别", choices=HazardLevel.choices, widget=forms.Select(attrs=SELECT)
    )
    description = forms.CharField(label="隐患描述", widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
    location = forms.CharField(label="部位", required=False, widget=forms.TextInput(attrs=TEXT))
    standard_item = forms.ModelChoiceField(
        HazardStandardItem.objects.all(),
        label="判定标准条款（重大事故隐患必填）",
        required=False,
        widget=forms.Select(attrs=SELECT),
    )


class OrderForm(forms.Form):
    deadline = forms.DateField(label="整改期限", widget=forms.DateInput(attrs={**TEXT, "type": "date"}))
    onsite_measures = forms.CharField(
        label="现场处理措施（填写则出具现场处理措施决定书）",
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )


class ExtensionForm(forms.Form):
    requested_deadline = forms.DateField(
        label="申请延期至", widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    requested_on = forms.DateField(label="申请日期", widget=forms.DateInput(attrs={**TEXT, "type": "date"}))
    reason = forms.CharField(label="申请理由", widget=forms.Textarea(attrs={**TEXT, "rows": 2}))


class DecisionForm(forms.Form):
    approved = forms.TypedChoiceField(
        label="审查结论",
        choices=[("1", "同意延期"), ("0", "不同意延期")],
        coerce=lambda v: v == "1",
        widget=forms.Select(attrs=SELECT),
    )
    opinion = forms.CharField(label="审查意见", required=False, widget=forms.TextInput(attrs=TEXT))


class RecheckForm(forms.Form):
    result = forms.ChoiceField(
        label="复查结论", choices=RecheckResult.choices, widget=forms.Select(attrs=SELECT)
    )
    date = forms.DateField(label="复查日期", widget=forms.DateInput(attrs={**TEXT, "type": "date"}))
    opinion = forms.CharField(
        label="复查意见", required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="说明", required=False, widget=forms.TextInput(attrs=TEXT))


ACTION_FORMS: dict[str, type[forms.Form]] = {
    "order_rectification": OrderForm,
    "request_extension": ExtensionForm,
    "decide_extension": DecisionForm,
    "recheck": RecheckForm,
    "escalate": ReasonForm,
    "file_case": ReasonForm,
}
