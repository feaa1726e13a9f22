"""Forms of the 系统管理 area (accounts, agency powers) and of the password page.

They check types and shapes; the services check the rules (scope, password policy, history).
"""

from __future__ import annotations

from typing import Any

from django import forms

from .. import roles
from ..models import Agency, EnforcementItem, PowerSource
from ..rules import passwords as password_rules


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        widget.attrs.setdefault(
            "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
        )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="当前密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password1 = forms.CharField(
        label="新密码",
        strip=False,
        help_text=password_rules.POLICY_TEXT,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label="再次输入新密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") and data.get("new_password2") != data.get("new_password1"):
            self.add_error("new_password2", "两次输入的新密码不一致")
        return data


ROLE_CHOICES = [(name, name) for name in roles.ALL_ROLES]
STATUS_CHOICES = [("", "全部状态"), ("active", "启用"), ("inactive", "已停用"), ("locked", "登录已锁定")]


class AccountForm(forms.Form):
    username = forms.CharField(
        label="用户名",
        max_length=30,
        help_text="登录用，3–30位字母、数字或 _ . -，建成后不能修改",
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    real_name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    agency = forms.ModelChoiceField(
        label="所属机构", queryset=Agency.objects.none(), empty_label="请选择机构"
    )
    roles = forms.MultipleChoiceField(
        label="角色", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, agencies: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies.order_by("path")  # type: ignore[attr-defined]  # ModelChoiceField
        if editing:
            del self.fields["username"]
        _style(self)


class AccountFilterForm(forms.Form):
    q = forms.CharField(label="用户名/姓名", required=False)
    agency = forms.ModelChoiceField(
        label="机构", required=False, queryset=Agency.objects.none(), empty_label="全部机构"
    )
    role = forms.ChoiceField(label="角色", required=False, choices=[("", "全部角色"), *ROLE_CHOICES])
    status = forms.ChoiceField(label="状态", required=False, choices=STATUS_CHOICES)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies.order_by("path")  # type: ignore[attr-defined]  # ModelChoiceField
        _style(self)


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label="停用原因",
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "如：调离本单位、退休"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class PowerGrantForm(forms.Form):
    item = forms.ModelChoiceField(label="执法事项", queryset=EnforcementItem.objects.none())
    source = forms.ChoiceField(label="权力来源", choices=PowerSource.choices)
    entrusting_agency = forms.ModelChoiceField(
        label="委托机关（仅委托）", required=False, queryset=Agency.objects.none(), empty_label="—"
    )
    valid_from = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="长期有效可不填",
    )
    basis_document = forms.CharField(label="依据文件", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = EnforcementItem.objects.exclude(status="cancelled").order_by("code")  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["entrusting_agency"].queryset = Agency.objects.filter(is_active=True).order_by("path")  # type: ignore[attr-defined]  # ModelChoiceField
        _style(self)


class PowerRevokeForm(forms.Form):
    last_day = forms.DateField(
        label="最后有效日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="不填则至昨日",
    )
    reason = forms.CharField(label="终止原因", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class AgencyForm(forms.ModelForm):  # type: ignore[type-arg]  # model set in Meta
    """An agency's fields; the service checks codes, levels and the parent (in the admin's subtree)."""

    class Meta:
        model = Agency
        fields = [
            "name",
            "code",
            "short_name",
            "level",
            "parent",
            "credit_code",
            "reconsideration_body",
            "address",
            "phone",
            "is_active",
        ]

    def __init__(self, *args: Any, parents: Any, parent_fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.queryset = parents.order_by("path")  # type: ignore[attr-defined]  # ModelChoiceField
        parent.empty_label = "—（省级机构无上级）"  # type: ignore[attr-defined]  # ModelChoiceField
        if parent_fixed:
            # moving an agency to another branch is the platform superuser's act
            parent.disabled = True
            parent.queryset = Agency.objects.filter(pk=self.instance.parent_id)  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["is_active"].widget.attrs["class"] = "form-check-input"
        _style(self)

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service (with a Chinese message naming the code)."""
