"""Forms for the enterprise, catalog and import pages. They check types; services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from ..exceptions import DomainError
from ..models import Agency, EnforcementItem, Enterprise
from ..models.enterprise import RiskClass, Sector


class EnterpriseForm(forms.ModelForm):  # type: ignore[type-arg]  # model set in Meta
    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "agency",
            "sector",
            "scale",
            "risk_class",
            "is_key",
            "standardization_level",
            "credit_status",
            "address",
            "region_code",
            "legal_representative",
            "main_person",
            "contact_name",
            "contact_phone",
            "employees",
            "is_active",
        ]

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]  # ModelChoiceField
        for name, field in self.fields.items():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            if isinstance(field.widget, forms.Select):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)
            if name == "credit_code":
                field.widget.attrs.update({"autocapitalize": "characters", "maxlength": "18"})

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service (with a Chinese message naming the code)."""


class EnforcementItemForm(forms.ModelForm):  # type: ignore[type-arg]  # model set in Meta
    class Meta:
        model = EnforcementItem
        fields = ["code", "name", "kind", "legal_basis", "level", "effective_from", "effective_to", "note"]
        widgets = {
            "effective_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service."""


class StatusForm(forms.Form):
    reason = forms.CharField(
        label="原因",
        max_length=500,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": "变更原因（必填），如：依据文件废止"}
        ),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="文件（.xlsx 或 .csv）",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label="名称/信用代码", required=False)
    sector = forms.ChoiceField(label="行业", required=False, choices=[("", "全部行业"), *Sector.choices])
    risk_class = forms.ChoiceField(
        label="风险等级", required=False, choices=[("", "全部风险等级"), *RiskClass.choices]
    )
    is_key = forms.ChoiceField(
        label="重点", required=False, choices=[("", "全部"), ("1", "重点检查企业"), ("0", "非重点")]
    )
    agency = forms.ModelChoiceField(
        label="监管机构", required=False, queryset=Agency.objects.none(), empty_label="全部机构"
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]  # ModelChoiceField
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


def add_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    """Show a service refusal on the form: per-field messages where the field exists, else on top."""
    placed = False
    for field, messages in exc.fields.items():
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
                placed = True
    if not placed:
        form.add_error(None, exc.message)
