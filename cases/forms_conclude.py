"""调查终结 on the case page: the facts, the proposal and up to ``ROWS`` violations, each with its
circumstances (the discretion catalog's), the fine on the party and on responsible persons (一案双罚), and
the reason when an amount lies outside the recommendation. The service (``cases.services.conclusion``)
runs the calculator again and validates; the page shows the calculator's recommendation per row
(``cases.views_conclude.recommend``) before the officer submits."""

from __future__ import annotations

from typing import Any

from django import forms

from discretion.models import Circumstance, Violation

from .choices import FineSubject, Proposal

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
ROWS = 3
ROW_FIELDS = (
    "violation",
    "tier",
    "circumstances",
    "subject",
    "amount",
    "person_subject",
    "person",
    "person_amount",
    "reason",
)


def circumstance_choices() -> list[tuple[str, str]]:
    """The catalog's circumstances (statutory first), one per code."""
    seen: dict[str, str] = {}
    for code, name, mandatory in Circumstance.objects.order_by("-statutory", "order", "id").values_list(
        "code", "name", "mandatory"
    ):
        seen.setdefault(code, f"{name}（{'应当' if mandatory else '可以'}）")
    return list(seen.items())


def violation_options() -> list[tuple[str, str]]:
    """Violation codes with their names for the datalist (one per code, newest version's name)."""
    seen: dict[str, str] = {}
    for code, name in Violation.objects.order_by("code", "-id").values_list("code", "name"):
        seen.setdefault(code, name)
    return list(seen.items())


def row_name(i: int, field: str) -> str:
    return f"v{i}_{field}"


class ConcludeForm(forms.Form):
    date = forms.DateField(
        label="日期", required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    facts = forms.CharField(label="查明的违法事实", widget=forms.Textarea(attrs={**TEXT, "rows": 3}))
    proposal = forms.ChoiceField(
        label="处理意见", choices=Proposal.choices, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        circumstances = circumstance_choices()
        party_subjects = [(FineSubject.UNIT, "单位"), (FineSubject.INDIVIDUAL, "个人（自然人当事人）")]
        person_subjects = [
            (FineSubject.RESPONSIBLE, "直接负责的主管人员和其他直接责任人员"),
            (FineSubject.MAIN, "主要负责人"),
        ]
        for i in range(ROWS):
            f = self.fields
            f[row_name(i, "violation")] = forms.CharField(
                label="违法行为编码（裁量基准）",
                required=False,
                widget=forms.TextInput(attrs={**TEXT, "list": "violation-codes", "autocomplete": "off"}),
            )
            f[row_name(i, "tier")] = forms.CharField(
                label="裁量阶次（可不填，按事实自动选择）", required=False, widget=forms.TextInput(attrs=TEXT)
            )
            f[row_name(i, "circumstances")] = forms.MultipleChoiceField(
                label="情节（可多选）",
                required=False,
                choices=circumstances,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            )
            f[row_name(i, "subject")] = forms.ChoiceField(
                label="罚款对象", choices=party_subjects, required=False, widget=forms.Select(attrs=SELECT)
            )
            f[row_name(i, "amount")] = forms.IntegerField(
                label="拟罚款（元）", required=False, min_value=0, widget=forms.NumberInput(attrs=TEXT)
            )
            f[row_name(i, "person_subject")] = forms.ChoiceField(
                label="同时处罚的人员（一案双罚）",
                choices=person_subjects,
                required=False,
                widget=forms.Select(attrs=SELECT),
            )
            f[row_name(i, "person")] = forms.CharField(
                label="人员姓名", required=False, max_length=50, widget=forms.TextInput(attrs=TEXT)
            )
            f[row_name(i, "person_amount")] = forms.IntegerField(
                label="对该人员拟罚款（元）",
                required=False,
                min_value=0,
                widget=forms.NumberInput(attrs=TEXT),
            )
            f[row_name(i, "reason")] = forms.CharField(
                label="偏离推荐值的理由（超出推荐范围时必填）",
                required=False,
                widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
            )
        self.violation_options = violation_options()

    def rows(self) -> list[dict[str, Any]]:
        """The bound fields of each violation row (for the template)."""
        return [{"index": i, **{name: self[row_name(i, name)] for name in ROW_FIELDS}} for i in range(ROWS)]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        for i in range(ROWS):
            code = (d.get(row_name(i, "violation")) or "").strip()
            has_money = (
                d.get(row_name(i, "amount")) is not None or d.get(row_name(i, "person_amount")) is not None
            )
            if has_money and not code:
                self.add_error(row_name(i, "violation"), f"第{i + 1}项：填写罚款数额前请先填写违法行为编码")
            if (
                d.get(row_name(i, "person_amount")) is not None
                and not (d.get(row_name(i, "person")) or "").strip()
            ):
                self.add_error(row_name(i, "person"), f"第{i + 1}项：请填写被处罚人员的姓名")
        return d

    def params(self) -> dict[str, Any]:
        d = self.cleaned_data
        violations: list[dict[str, Any]] = []
        for i in range(ROWS):
            code = (d.get(row_name(i, "violation")) or "").strip()
            if not code:
                continue
            fines = []
            if d.get(row_name(i, "amount")) is not None:
                fines.append(
                    {
                        "subject": d.get(row_name(i, "subject")) or FineSubject.UNIT,
                        "amount": d[row_name(i, "amount")],
                    }
                )
            if d.get(row_name(i, "person_amount")) is not None:
                fines.append(
                    {
                        "subject": d.get(row_name(i, "person_subject")) or FineSubject.RESPONSIBLE,
                        "person": d[row_name(i, "person")].strip(),
                        "amount": d[row_name(i, "person_amount")],
                    }
                )
            violations.append(
                {
                    "violation": code,
                    "tier": (d.get(row_name(i, "tier")) or "").strip(),
                    "circumstances": list(d.get(row_name(i, "circumstances")) or []),
                    "facts": {},
                    "fines": fines,
                    "reason": d.get(row_name(i, "reason")) or "",
                }
            )
        return {
            "date": d.get("date"),
            "facts": d["facts"],
            "proposal": d["proposal"],
            "violations": violations,
        }
