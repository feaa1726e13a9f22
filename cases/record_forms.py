"""Page forms of the structured evidence: they only shape the input (lists from text lines, the case's
handlers and evidence as choices); every rule is checked again by ``cases.services.records`` / ``measures``."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import Case, CaseEvidence, PreservationHandling, SeizureMeasure, SiteRecordKind
from .services.common import handler_rows

DT = forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.TextInput(attrs={"class": "form-control"})
AREA = forms.Textarea(attrs={"class": "form-control", "rows": 3})
SELECT = forms.Select(attrs={"class": "form-select"})
CHECKS = forms.CheckboxSelectMultiple


def items_from_text(text: str) -> list[dict[str, str]]:
    """One item a line: 名称|规格型号|数量|批号 (｜ or | separated; missing parts left empty)."""
    out = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.replace("｜", "|").split("|")]
        if any(parts):
            parts += [""] * (4 - len(parts))
            out.append(dict(zip(("name", "spec", "quantity", "batch"), parts[:4], strict=True)))
    return out


class RecordForm(forms.Form):
    officers = forms.MultipleChoiceField(label="执法人员（两名以上）", widget=CHECKS, required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = [(str(r.user_id), r.user.display_name) for r in handler_rows(case)]
        self.fields["officers"].choices = people  # type: ignore[attr-defined]  # a MultipleChoiceField
        if "recorder" in self.fields:
            self.fields["recorder"].choices = people  # type: ignore[attr-defined]
        if "evidence" in self.fields:
            rows = CaseEvidence.objects.filter(case=case, superseded_at__isnull=True).order_by("id")
            self.fields["evidence"].choices = [  # type: ignore[attr-defined]
                (str(e.pk), f"{e.get_kind_display()}：{e.description}") for e in rows
            ]

    def params(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "items" in data:
            data["items"] = items_from_text(data["items"])
        return data


class InterviewForm(RecordForm):
    interviewee_name = forms.CharField(label="被询问人姓名", max_length=50, widget=TEXT)
    interviewee_id_number = forms.CharField(label="身份证号码", max_length=18, widget=TEXT)
    interviewee_role = forms.CharField(label="工作单位及职务/与当事人关系", max_length=100, widget=TEXT)
    interviewee_phone = forms.CharField(label="联系电话", max_length=30, required=False, widget=TEXT)
    started_at = forms.DateTimeField(label="询问开始时间", widget=DT)
    ended_at = forms.DateTimeField(label="询问结束时间", widget=DT)
    place = forms.CharField(label="询问地点", max_length=200, widget=TEXT)
    recorder = forms.ChoiceField(label="记录人", widget=SELECT)
    rights_read = forms.BooleanField(label="已告知如实回答的义务和申请回避的权利", required=False)
    qa = forms.CharField(label="问答（每问一行以“问：”开头，回答以“答：”开头）", widget=AREA)


class SiteRecordForm(RecordForm):
    kind = forms.ChoiceField(label="笔录种类", choices=SiteRecordKind.choices, widget=SELECT)
    started_at = forms.DateTimeField(label="开始时间", widget=DT)
    ended_at = forms.DateTimeField(label="结束时间", required=False, widget=DT)
    place = forms.CharField(label="地点", max_length=200, widget=TEXT)
    present = forms.CharField(label="在场人员（每行一人，姓名及身份）", widget=AREA)
    findings = forms.CharField(label="勘验/检查情况", widget=AREA)
    evidence = forms.MultipleChoiceField(label="现场图、照片（本案证据）", widget=CHECKS, required=False)


ITEMS_HELP = "物品（每行一项：名称|规格型号|数量|批号）"


class SamplingForm(RecordForm):
    sampled_at = forms.DateTimeField(label="抽样时间", widget=DT)
    place = forms.CharField(label="抽样地点", max_length=200, widget=TEXT)
    holder = forms.CharField(label="被抽样单位/人", max_length=200, widget=TEXT)
    method = forms.CharField(label="抽样方式", max_length=200, required=False, widget=TEXT)
    items = forms.CharField(label=ITEMS_HELP, widget=AREA)


class PreservationForm(RecordForm):
    items = forms.CharField(label=ITEMS_HELP, widget=AREA)
    place = forms.CharField(label="存放地点", max_length=200, widget=TEXT)
    reason = forms.CharField(label="理由（证据可能灭失或以后难以取得的情形）", max_length=300, widget=TEXT)


class SeizureForm(RecordForm):
    measure = forms.ChoiceField(label="措施", choices=SeizureMeasure.choices, widget=SELECT)
    items = forms.CharField(label="场所、设施或财物（每行一项：名称|规格型号|数量|批号）", widget=AREA)
    place = forms.CharField(label="地点", max_length=200, widget=TEXT)
    reason = forms.CharField(label="理由", max_length=300, widget=TEXT)


CREATE_FORMS: dict[str, tuple[str, type[RecordForm]]] = {
    "interview": ("询问笔录", InterviewForm),
    "site_record": ("勘验笔录/现场笔录", SiteRecordForm),
    "sampling": ("抽样取证", SamplingForm),
    "preservation": ("申请先行登记保存", PreservationForm),
    "seizure": ("申请查封扣押", SeizureForm),
}


class ApproveForm(forms.Form):
    approved = forms.TypedChoiceField(
        label="审批", choices=[("yes", "批准"), ("no", "不批准")], coerce=lambda v: v == "yes", widget=SELECT
    )
    opinion = forms.CharField(label="负责人意见", max_length=300, required=False, widget=TEXT)


class DecideForm(forms.Form):
    handling = forms.ChoiceField(label="处理决定", choices=PreservationHandling.choices, widget=SELECT)
    note = forms.CharField(label="处理说明", max_length=300, required=False, widget=TEXT)


class ExtendForm(forms.Form):
    days = forms.IntegerField(
        label="延长日数（≤30）", widget=forms.NumberInput(attrs={"class": "form-control"})
    )
    reason = forms.CharField(label="延长理由", max_length=300, widget=TEXT)


class ReleaseForm(forms.Form):
    reason = forms.CharField(label="解除理由", max_length=300, widget=TEXT)


class TestStartForm(forms.Form):
    until = forms.DateField(
        label="检测预计截止日期", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    reason = forms.CharField(label="检测事项和机构", max_length=300, widget=TEXT)


class TestEndForm(forms.Form):
    pass


STEP_FORMS: dict[str, tuple[str, type[forms.Form]]] = {
    "approve": ("审批", ApproveForm),
    "decide": ("作出处理决定", DecideForm),
    "extend": ("延长期限", ExtendForm),
    "test_start": ("送检（期限中止）", TestStartForm),
    "test_end": ("检测结束（恢复计算）", TestEndForm),
    "release": ("解除", ReleaseForm),
}
