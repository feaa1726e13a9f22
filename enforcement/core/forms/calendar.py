"""Forms of the 期限计算器 and 工作日历 maintenance pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from ..models import CalendarDayKind
from ..rules import calendar as rules

KIND_CHOICES = [
    (rules.KIND_WORKING, "工作日（行政处罚法第85条、行政强制法第69条）"),
    (rules.KIND_CALENDAR, "自然日（届满日遇休息日顺延）"),
    (rules.KIND_MONTHS, "月（民法典第201—203条）"),
    (rules.KIND_YEARS, "年（民法典第201—203条）"),
]

_DATE_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def parse_date_lines(text: str) -> tuple[list[dt.date], dict[dt.date, str], list[str]]:
    """Parse pasted dates: one per line (or separated by spaces/commas), optionally followed by a name.

    A range ``2027-10-01~2027-10-07`` (also ``至``/``—``) expands to every day. Returns dates, names, errors.
    """
    dates: list[dt.date] = []
    names: dict[dt.date, str] = {}
    errors: list[str] = []
    for raw_line in text.replace("，", ",").replace("、", ",").splitlines():
        line = raw_line.strip()
        if not line:
            continue
        found = list(_DATE_RE.finditer(line))
        if not found:
            errors.append(f"无法识别的日期：{line}")
            continue
        name = _DATE_RE.sub("", line)
        name = re.sub(r"[,;~～至—–\-\s]+", " ", name).strip()
        try:
            parsed = [dt.date(int(m[1]), int(m[2]), int(m[3])) for m in found]
        except ValueError:
            errors.append(f"日期不存在：{line}")
            continue
        is_range = len(found) == 2 and bool(
            re.fullmatch(r"\s*([~～至—–]|-|到)\s*", line[found[0].end() : found[1].start()])
        )
        if is_range and parsed[1] >= parsed[0] and (parsed[1] - parsed[0]).days <= 31:
            parsed = [parsed[0] + dt.timedelta(days=i) for i in range((parsed[1] - parsed[0]).days + 1)]
        for d in parsed:
            dates.append(d)
            if name:
                names[d] = name
    return dates, names, errors


class CalculatorForm(forms.Form):
    start = forms.DateField(
        label="起算日",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}),
    )
    days = forms.IntegerField(
        label="期间长度",
        help_text="负数表示向前倒数（如听证七日前通知）",
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(
        label="计算方式", choices=KIND_CHOICES, widget=forms.Select(attrs={"class": "form-select"})
    )


class EnterYearForm(forms.Form):
    year = forms.IntegerField(
        label="年份",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    basis = forms.CharField(
        label="依据",
        max_length=200,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    holidays = forms.CharField(
        label="法定节假日（放假日期）",
        help_text="每行一个日期或日期范围，可跟名称，如“2027-10-01~2027-10-07 国庆节”；周末日期本来就休息，不单独保存",
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 8}),
    )
    workdays = forms.CharField(
        label="调休上班日",
        required=False,
        help_text="每行一个日期（应为周六或周日），可跟名称",
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field in ("holidays", "workdays"):
            dates, names, errors = parse_date_lines(data.get(field) or "")
            if errors:
                self.add_error(field, "；".join(errors))
            data[f"{field}_dates"] = dates
            data.setdefault("names", {}).update(names)
        return data


class DayForm(forms.Form):
    date = forms.DateField(
        label="日期",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}),
    )
    kind = forms.ChoiceField(
        label="类型", choices=CalendarDayKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    name = forms.CharField(
        label="名称", max_length=50, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class RemoveDayForm(forms.Form):
    date = forms.DateField(label="日期")
