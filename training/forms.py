"""Forms of the training pages (validation only; the services do the work)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from .choices import EducationLevel, QualificationKind, ReviewResult, TrainingKind, TrainingResult
from .models import Officer

# ISO value: an <input type="date"> shows nothing for the zh-hans "%Y/%m/%d" format
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyledForm(forms.Form):
    """Bootstrap classes on every widget (tablet-friendly controls)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's kwargs are untyped
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class ApplyForm(StyledForm):
    applied_on = forms.DateField(label="申领日期", widget=DATE, initial=timezone.localdate)
    areas = forms.CharField(label="执法区域", max_length=200, required=False)
    categories = forms.CharField(label="执法类别", max_length=200, initial="安全生产")


class IssueForm(StyledForm):
    number = forms.CharField(label="证号", max_length=40)
    issuing_authority = forms.CharField(label="发证机关", max_length=100, initial="江苏省人民政府")
    issued_on = forms.DateField(label="发证日期", widget=DATE, initial=timezone.localdate)
    expires_on = forms.DateField(label="有效期至", widget=DATE, required=False, help_text="留空按5年计算")
    areas = forms.CharField(label="执法区域", max_length=200, required=False)


class AnnualReviewForm(StyledForm):
    year = forms.IntegerField(label="审验年度", min_value=2000, max_value=2100)
    result = forms.ChoiceField(label="结论", choices=ReviewResult.choices)
    reviewed_on = forms.DateField(label="审验日期", widget=DATE, initial=timezone.localdate)
    remarks = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's kwargs are untyped
        self.fields["year"].initial = timezone.localdate().year


class RenewForm(StyledForm):
    number = forms.CharField(label="新证号", max_length=40)
    issuing_authority = forms.CharField(label="发证机关", max_length=100, required=False)
    issued_on = forms.DateField(label="发证日期", widget=DATE, initial=timezone.localdate)
    expires_on = forms.DateField(label="有效期至", widget=DATE, required=False, help_text="留空按5年计算")
    reason = forms.CharField(label="说明", max_length=300, initial="换发")


class SuspendForm(StyledForm):
    reason = forms.CharField(label="暂扣原因", max_length=300)
    suspended_from = forms.DateField(label="暂扣起始", widget=DATE, initial=timezone.localdate)
    suspended_until = forms.DateField(label="暂扣期限至", widget=DATE, required=False)


class ReasonForm(StyledForm):
    reason = forms.CharField(label="原因", max_length=300)
    on_date = forms.DateField(label="日期", widget=DATE, initial=timezone.localdate)


class LiftForm(StyledForm):
    reason = forms.CharField(label="说明（如：重新考核合格）", max_length=300, required=False)
    on_date = forms.DateField(label="日期", widget=DATE, initial=timezone.localdate)


class TrainingRecordForm(StyledForm):
    kind = forms.ChoiceField(label="培训类别", choices=TrainingKind.choices)
    title = forms.CharField(label="培训名称", max_length=200)
    start_on = forms.DateField(label="培训日期", widget=DATE, initial=timezone.localdate)
    hours = forms.DecimalField(label="学时", min_value=0, max_value=999, decimal_places=1)
    result = forms.ChoiceField(label="考核结果", choices=TrainingResult.choices)
    score = forms.DecimalField(label="成绩", required=False, decimal_places=1)
    remarks = forms.CharField(label="备注", max_length=300, required=False)


class ImportForm(StyledForm):
    file = forms.FileField(label="培训记录表（.xlsx）")


class ProfileForm(StyledForm):
    post = forms.CharField(label="岗位", max_length=100, required=False)
    education_level = forms.ChoiceField(label="学历", choices=EducationLevel.choices, required=False)
    education_major = forms.CharField(label="所学专业", max_length=100, required=False)
    education_related = forms.BooleanField(label="相关专业学历", required=False)
    first_review_on = forms.DateField(label="首次从事法制审核日期", widget=DATE, required=False)
    remarks = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class QualificationForm(StyledForm):
    kind = forms.ChoiceField(label="资格类别", choices=QualificationKind.choices)
    name = forms.CharField(label="资格名称", max_length=100, required=False)
    certificate_no = forms.CharField(label="证书编号", max_length=50, required=False)
    obtained_on = forms.DateField(label="取得日期", widget=DATE)
    expires_on = forms.DateField(label="有效期至", widget=DATE, required=False)
    evidence = forms.FileField(label="证明材料", required=False)


class RequirementForm(StyledForm):
    from_year = forms.IntegerField(label="起始年度", min_value=2000, max_value=2100)
    annual_hours = forms.DecimalField(label="每年应训学时", min_value=0, max_value=999, decimal_places=1)
    rotation_start = forms.DateField(label="全员轮训起始", widget=DATE, required=False)
    rotation_deadline = forms.DateField(label="全员轮训完成期限", widget=DATE, required=False)
    review_due = forms.RegexField(
        label="年审截止（月-日）", regex=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", initial="12-31"
    )
    qualification_target_pct = forms.IntegerField(
        label="相关学历/资格占比目标（%）", min_value=0, max_value=100, initial=75
    )
    basis = forms.CharField(label="依据", max_length=300, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's kwargs are untyped
        self.fields["from_year"].initial = timezone.localdate().year


class CourseForm(StyledForm):
    title = forms.CharField(label="课程名称", max_length=200)
    kind = forms.ChoiceField(label="培训类别", choices=TrainingKind.choices)
    hours = forms.DecimalField(label="学时", min_value=0, max_value=999, decimal_places=1)
    start_on = forms.DateField(label="开始日期", widget=DATE, initial=timezone.localdate)
    end_on = forms.DateField(label="结束日期", widget=DATE, required=False)
    organiser = forms.CharField(label="承办单位", max_length=100, required=False)


class AttendanceForm(StyledForm):
    officers = forms.ModelMultipleChoiceField(
        label="参训人员", queryset=Officer.objects.none(), widget=forms.SelectMultiple(attrs={"size": 10})
    )
    result = forms.ChoiceField(
        label="考核结果", choices=TrainingResult.choices, initial=TrainingResult.ATTENDED
    )
    score = forms.DecimalField(label="成绩", required=False, decimal_places=1)

    def __init__(self, *args: object, officers: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers  # type: ignore[attr-defined]  # a ModelMultipleChoiceField
