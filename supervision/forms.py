"""Forms of the supervision pages (validation of shape only; the services hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms

from enforcement.core import roles
from enforcement.core.models import Agency, User

from .choices import SAMPLE_STATUSES, CampaignKind, RubricStatus
from .models import Rubric

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(
        label="类别", choices=CampaignKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    name = forms.CharField(
        label="名称", max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    agencies = forms.ModelMultipleChoiceField(
        label="被评查机构", queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    period_start = forms.DateField(label="期间起", widget=DATE)
    period_end = forms.DateField(label="期间止", widget=DATE)
    statuses = forms.MultipleChoiceField(
        label="案卷范围",
        choices=SAMPLE_STATUSES,
        initial=["closed", "archived"],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision_kinds = forms.MultipleChoiceField(
        label="决定类型（不选为全部）",
        choices=[("penalty", "行政处罚决定"), ("no_penalty", "不予行政处罚决定")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ratio = forms.DecimalField(
        label="抽取比例（%，案卷不低于30，检查方案不低于20）",
        initial=30,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    min_per_agency = forms.IntegerField(
        label="每个机构最少抽取数",
        initial=1,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    rubric = forms.ModelChoiceField(
        label="评查标准",
        queryset=Rubric.objects.filter(status=RubricStatus.PUBLISHED),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    due_date = forms.DateField(label="评查完成期限", widget=DATE)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = (
            Agency.objects.all()
            if user.is_superuser
            else Agency.objects.filter(path__startswith=user.agency.path)
        )
        self.fields["agencies"].queryset = qs.order_by("path")  # type: ignore[attr-defined]  # ModelMultipleChoiceField


class DrawForm(forms.Form):
    seed = forms.CharField(
        label="随机种子（留空自动生成）",
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


def reviewer_choices(campaign: Any, exclude_agency_id: int) -> Any:
    """Supervisors and legal reviewers of the organising agency's subtree, not of the reviewed agency."""
    return (
        User.objects.filter(
            is_active=True,
            agency__path__startswith=campaign.agency.path,
            groups__name__in=[roles.SUPERVISOR, roles.LEGAL_REVIEWER],
        )
        .exclude(agency_id=exclude_agency_id)
        .distinct()
        .order_by("agency__path", "username")
    )


class UserPickForm(forms.Form):
    user = forms.ModelChoiceField(
        label="人员", queryset=User.objects.none(), widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args: Any, choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = choices if choices is not None else User.objects.filter(is_active=True)  # type: ignore[attr-defined]  # ModelChoiceField


class TextForm(forms.Form):
    text = forms.CharField(
        label="说明", widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}), required=False
    )


class RectificationForm(forms.Form):
    findings = forms.CharField(
        label="需整改的问题", widget=forms.Textarea(attrs={"class": "form-control", "rows": 4})
    )
    due_date = forms.DateField(label="整改期限", widget=DATE)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="整改情况", widget=forms.Textarea(attrs={"class": "form-control", "rows": 4})
    )


class DecideForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label="审核结论",
        choices=[("1", "整改通过"), ("0", "退回重新整改")],
        coerce=lambda v: v == "1",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    opinion = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 2})
    )
    due_date = forms.DateField(label="新的整改期限（退回时）", required=False, widget=DATE)


class SchemeCheckForm(forms.Form):
    compliant = forms.TypedChoiceField(
        label="结论",
        choices=[("1", "符合要求"), ("0", "退回修改")],
        coerce=lambda v: v == "1",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reasons = forms.CharField(
        label="退回理由", required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
