"""Forms of the 双随机 and 综合联检 pages (the services validate again; these only shape the input)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from enforcement.core.access import agency_scope_filter
from enforcement.core.models import Agency, EnforcementItem, Enterprise, User
from enforcement.core.models.enterprise import CreditStatus, RiskClass, Sector

TEXT = {"class": "form-control form-control-lg"}
SELECT = {"class": "form-select form-select-lg"}
DATE = {**TEXT, "type": "date"}
RATIO_DEFAULTS = {RiskClass.MAJOR: 50, RiskClass.HIGH: 30, RiskClass.GENERAL: 10, RiskClass.LOW: 5}


def _ratio_field(label: str, initial: int) -> forms.DecimalField:
    return forms.DecimalField(
        label=f"{label}企业抽查比例（%）",
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        initial=initial,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.5"}),
    )


class DrawForm(forms.Form):
    """The page form stratifies by risk class (风险等级); the API also takes credit, standardisation or
    sector strata."""

    title = forms.CharField(label="抽查任务名称", max_length=200, widget=forms.TextInput(attrs=TEXT))
    year = forms.IntegerField(
        label="计划年度", min_value=2000, max_value=2100, widget=forms.NumberInput(attrs=TEXT)
    )
    period_start = forms.DateField(label="检查期间起", widget=forms.DateInput(attrs=DATE))
    period_end = forms.DateField(label="检查期间止", widget=forms.DateInput(attrs=DATE))
    items = forms.ModelMultipleChoiceField(
        EnforcementItem.objects.filter(kind="inspection").order_by("code"),
        label="检查事项（抽中的执法人员须对每一事项均有执法资格）",
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 4}),
    )
    ratio_major = _ratio_field("重大风险", RATIO_DEFAULTS[RiskClass.MAJOR])
    ratio_high = _ratio_field("较大风险", RATIO_DEFAULTS[RiskClass.HIGH])
    ratio_general = _ratio_field("一般风险", RATIO_DEFAULTS[RiskClass.GENERAL])
    ratio_low = _ratio_field("低风险", RATIO_DEFAULTS[RiskClass.LOW])
    sectors = forms.MultipleChoiceField(
        choices=Sector.choices,
        label="行业（不选为全部）",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    credit_statuses = forms.MultipleChoiceField(
        choices=CreditStatus.choices,
        label="信用状况（不选为全部）",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    include_key = forms.BooleanField(label="包括重点检查企业（通常已全覆盖检查，不参与抽取）", required=False)
    team_size = forms.IntegerField(
        label="每组执法人员人数", min_value=2, max_value=6, initial=2, widget=forms.NumberInput(attrs=TEXT)
    )
    witnesses = forms.CharField(
        label="监督人（如纪检监察人员）", max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def ratios(self) -> dict[str, Decimal]:
        d = self.cleaned_data
        return {c: d[f"ratio_{c}"] for c in RiskClass.values}


class RecusalForm(forms.Form):
    officer = forms.ModelChoiceField(User.objects.none(), label="执法人员", widget=forms.Select(attrs=SELECT))
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.none(), label="企业", widget=forms.Select(attrs=SELECT)
    )
    reason = forms.CharField(label="回避事由", max_length=200, widget=forms.TextInput(attrs=TEXT))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_id: int = getattr(user, "agency_id", None) or 0
        field_o: Any = self.fields["officer"]
        field_o.queryset = User.objects.filter(agency_id=agency_id, is_active=True).order_by("pk")
        field_e: Any = self.fields["enterprise"]
        field_e.queryset = Enterprise.objects.filter(agency_id=agency_id).order_by("name")


class JointForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.none(), label="检查对象", widget=forms.Select(attrs=SELECT)
    )
    scheduled_on = forms.DateField(label="计划日期", widget=forms.DateInput(attrs=DATE))
    title = forms.CharField(
        label="联检名称（可不填）", max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    agencies = forms.ModelMultipleChoiceField(
        Agency.objects.none(),
        label="参与的应急管理部门",
        required=False,
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 4}),
    )
    departments = forms.CharField(
        label="其他参与部门（每行一个，如：区市场监督管理局）",
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_e: Any = self.fields["enterprise"]
        field_e.queryset = Enterprise.objects.filter(agency_scope_filter(user, "agency")).order_by("name")
        field_a: Any = self.fields["agencies"]
        field_a.queryset = Agency.objects.filter(is_active=True).exclude(
            pk=getattr(user, "agency_id", None) or 0
        )

    def participants(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        rows: list[dict[str, Any]] = [{"agency": a, "department": a.name} for a in d["agencies"]]
        rows += [{"department": line.strip()} for line in d["departments"].splitlines() if line.strip()]
        return rows
