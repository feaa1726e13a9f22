"""Forms of the discretion pages: the live calculator, new version, XLSX import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from .choices import PartyType, Stage
from .rules.facts import FACTS

BOOL_CHOICES = [("", "未填"), ("1", "是"), ("0", "否")]


class CalculatorForm(forms.Form):
    """Inputs of the calculator on the violation page; fact fields are added for the violation."""

    party_type = forms.ChoiceField(label="当事人类型", choices=PartyType.choices, initial=PartyType.UNIT)
    stage = forms.ChoiceField(label="阶段", choices=Stage.choices, initial=Stage.FIRST)
    tier = forms.ChoiceField(label="裁量阶次", required=False)
    circumstances = forms.MultipleChoiceField(
        label="情节", required=False, widget=forms.CheckboxSelectMultiple
    )
    # <input type="date"> takes ISO dates only; the localized default format would leave it empty
    violation_date = forms.DateField(
        label="违法行为发生日期", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    decision_date = forms.DateField(
        label="作出决定日期", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )

    def __init__(
        self,
        *args: Any,
        tiers: list[tuple[str, str]],
        circumstances: list[tuple[str, list[tuple[str, str]]]],
        fact_keys: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["violation_date"].initial = today
        self.fields["decision_date"].initial = today
        tier_field = self.fields["tier"]
        circ_field = self.fields["circumstances"]
        assert isinstance(tier_field, forms.ChoiceField) and isinstance(circ_field, forms.ChoiceField)
        tier_field.choices = [("", "按事实自动选择"), *tiers]
        circ_field.choices = circumstances
        self.fact_keys = fact_keys
        for key in fact_keys:
            spec = FACTS.get(key)
            label = spec.label if spec else key
            if spec is not None and spec.kind == "bool":
                self.fields[f"fact_{key}"] = forms.ChoiceField(
                    label=label, choices=BOOL_CHOICES, required=False
                )
            else:
                self.fields[f"fact_{key}"] = forms.IntegerField(label=label, required=False, min_value=0)
        for name, field in self.fields.items():
            if name != "circumstances":  # large touch targets on tablets
                css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
                field.widget.attrs.setdefault("class", css)

    def facts(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in self.fact_keys:
            value = self.cleaned_data.get(f"fact_{key}")
            if value in (None, ""):
                continue
            out[key] = value == "1" if isinstance(value, str) else value
        return out

    def dates(self) -> tuple[dt.date, dt.date]:
        return self.cleaned_data["violation_date"], self.cleaned_data["decision_date"]


class VersionCopyForm(forms.Form):
    code = forms.CharField(label="新版本编码", max_length=40)
    name = forms.CharField(label="基准名称", max_length=200)
    document_number = forms.CharField(label="文号", max_length=60, required=False)
    effective_from = forms.DateField(
        label="施行日期", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    effective_to = forms.DateField(
        label="失效日期", required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class ImportForm(forms.Form):
    file = forms.FileField(label="XLSX 文件")
