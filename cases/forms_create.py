"""The case creation page's form (预立案): it shapes the input for ``cases.services.create.create_case``,
which validates again (party, source, dates, handlers). The form adds what a page can say before the
service is asked: each proposed handler's ``may_enforce`` verdict on the case's item today, with why not."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.models import EnforcementItem, Enterprise, User
from training.guards import may_enforce_many

from .choices import CaseSource, PartyKind

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
ENTERPRISE_OPTIONS = 30


def enterprise_options(user: Any, q: str = "", selected: int | None = None) -> list[tuple[int, str]]:
    """Enterprises of the register the user may see, matching ``q`` by name or credit code (≤ 30),
    the selected one first."""
    qs = Enterprise.objects.visible_to(user)
    q = (q or "").strip()
    if q:
        qs = qs.filter(name__icontains=q) | qs.filter(credit_code__icontains=q.upper())
    rows = list(qs.order_by("name", "id").values_list("pk", "name", "credit_code")[:ENTERPRISE_OPTIONS])
    if selected and all(r[0] != selected for r in rows):
        rows = (
            list(
                Enterprise.objects.visible_to(user)
                .filter(pk=selected)
                .values_list("pk", "name", "credit_code")
            )
            + rows
        )
    return [(pk, f"{name}（{code}）" if code else name) for pk, name, code in rows]


def handler_candidates(user: Any) -> list[User]:
    """Officers and heads of the user's agency (the deciding agency of a new case)."""
    return list(
        User.objects.filter(
            agency_id=user.agency_id, is_active=True, groups__name__in=[roles.OFFICER, roles.HEAD]
        )
        .distinct()
        .order_by("pk")
    )


def item_options(user: Any, on: dt.date) -> list[tuple[str, str]]:
    """Enforcement items the user's agency holds a power over on ``on``."""
    rows = (
        EnforcementItem.objects.filter(
            powers__agency_id=user.agency_id,
            powers__valid_from__lte=on,
        )
        .exclude(powers__valid_to__lt=on)
        .distinct()
        .order_by("code")
        .values_list("code", "name")
    )
    return [(code, f"{code} {name}") for code, name in rows]


def source_links(user: Any, selected: str = "") -> list[tuple[str, str]]:
    """Recent hazards and inspections the user may see, as ``hazard:<id>`` / ``inspection:<id>``; the
    selected one (a page opened with ``?hazard=``) is offered even when older."""
    from inspections.models import Hazard, Inspection

    key, _, pk = selected.partition(":")
    wanted = int(pk) if pk.isdigit() else 0
    hazard_qs = Hazard.objects.visible_to(user).select_related("enterprise")
    inspection_qs = Inspection.objects.visible_to(user).select_related("enterprise")
    hazards = list(hazard_qs.order_by("-id")[:40])
    inspections = list(inspection_qs.order_by("-id")[:40])
    if key == "hazard" and wanted and all(h.pk != wanted for h in hazards):
        hazards = list(hazard_qs.filter(pk=wanted)) + hazards
    if key == "inspection" and wanted and all(i.pk != wanted for i in inspections):
        inspections = list(inspection_qs.filter(pk=wanted)) + inspections
    out = [("", "（不关联）")]
    out += [(f"hazard:{h.pk}", f"隐患：{h.enterprise.name} · {(h.description or '')[:30]}") for h in hazards]
    out += [
        (
            f"inspection:{i.pk}",
            f"检查：{i.enterprise.name} · {timezone.localtime(i.started_at):%Y-%m-%d}"
            if i.started_at
            else f"检查：{i.enterprise.name}",
        )
        for i in inspections
    ]
    return out


class CaseCreateForm(forms.Form):
    party_kind = forms.ChoiceField(
        label="当事人类型",
        choices=PartyKind.choices,
        initial=PartyKind.ENTERPRISE,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    enterprise = forms.TypedChoiceField(
        label="生产经营单位（从企业名录中选择）",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs=SELECT),
    )
    name = forms.CharField(
        label="姓名或名称", required=False, max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    id_number = forms.CharField(
        label="公民身份号码", required=False, max_length=18, widget=forms.TextInput(attrs=TEXT)
    )
    credit_code = forms.CharField(
        label="统一社会信用代码", required=False, max_length=18, widget=forms.TextInput(attrs=TEXT)
    )
    representative = forms.CharField(
        label="法定代表人（负责人）", required=False, max_length=100, widget=forms.TextInput(attrs=TEXT)
    )
    address = forms.CharField(
        label="住所或地址", required=False, max_length=300, widget=forms.TextInput(attrs=TEXT)
    )
    source = forms.ChoiceField(
        label="案件来源", choices=CaseSource.choices, widget=forms.Select(attrs=SELECT)
    )
    source_link = forms.ChoiceField(label="来源检查或隐患", required=False, widget=forms.Select(attrs=SELECT))
    source_text = forms.CharField(
        label="来源说明（举报、交办、移送文书等）",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs=TEXT),
    )
    cause = forms.CharField(label="案由", max_length=300, widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
    item = forms.ChoiceField(label="执法事项", required=False, widget=forms.Select(attrs=SELECT))
    violation_date = forms.DateField(
        label="违法行为发生日期", widget=forms.DateInput(format="%Y-%m-%d", attrs={**TEXT, "type": "date"})
    )
    violation_end = forms.DateField(
        label="连续或继续状态终了日期（如有）",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={**TEXT, "type": "date"}),
    )
    discovered_on = forms.DateField(
        label="发现日期（默认今天）",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={**TEXT, "type": "date"}),
    )
    life_health_harm = forms.BooleanField(
        label="涉及公民生命健康安全且有危害后果（追责期限五年，行政处罚法第三十六条）",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    lead = forms.TypedChoiceField(label="主办人", coerce=int, widget=forms.Select(attrs=SELECT))
    others = forms.TypedMultipleChoiceField(
        label="协办人（至少一名）",
        coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, user: Any, enterprise_q: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        today = timezone.localdate()
        picked = str(self.data.get("enterprise") or self.initial.get("enterprise") or "")
        selected = int(picked) if picked.isdigit() else None
        self._set_choices(
            "enterprise", [("", "（请选择）"), *enterprise_options(user, enterprise_q, selected)]
        )
        link = str(self.data.get("source_link") or self.initial.get("source_link") or "")
        self._set_choices("source_link", source_links(user, link))
        self._set_choices("item", [("", "（暂不指定）"), *item_options(user, today)])
        self.candidates = handler_candidates(user)
        self.verdicts = may_enforce_many(self.candidates, today) if self.candidates else {}
        people = [(u.pk, self.label_for(u)) for u in self.candidates]
        self._set_choices("lead", people)
        self._set_choices("others", people)
        self.fields["violation_date"].initial = None

    def _set_choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def label_for(self, user: User) -> str:
        verdict = self.verdicts.get(user.pk)
        if verdict is None or verdict.allowed:
            return user.display_name
        return f"{user.display_name}（不能承办：{'；'.join(verdict.reasons)}）"

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        kind = d.get("party_kind")
        if kind == PartyKind.ENTERPRISE and not d.get("enterprise"):
            self.add_error("enterprise", "请从企业名录中选择生产经营单位")
        if kind in (PartyKind.PERSON, PartyKind.ORGANISATION) and not (d.get("name") or "").strip():
            self.add_error("name", "请填写当事人姓名或名称")
        if kind == PartyKind.PERSON and not (d.get("id_number") or "").strip():
            self.add_error("id_number", "请填写公民身份号码")
        if kind == PartyKind.ORGANISATION and not (d.get("credit_code") or "").strip():
            self.add_error("credit_code", "请填写统一社会信用代码")
        lead, others = d.get("lead"), [o for o in d.get("others") or [] if o != d.get("lead")]
        if lead is not None:
            ids = [lead, *others]
            if len(ids) < 2:
                self.add_error("others", "须指定两名以上承办人（行政处罚法第四十二条）")
            refused = [
                self.label_for(u) for u in self.candidates if u.pk in ids and not self.verdicts[u.pk].allowed
            ]
            if refused:
                self.add_error("others", "以下人员不能承办案件：" + "，".join(refused))
        return d

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        kind = d["party_kind"]
        party: dict[str, Any] = {"kind": kind}
        if kind == PartyKind.ENTERPRISE:
            party["enterprise"] = d["enterprise"]
        else:
            party.update(name=d["name"], address=d["address"])
            if kind == PartyKind.PERSON:
                party["id_number"] = d["id_number"]
            else:
                party.update(credit_code=d["credit_code"], representative=d["representative"])
        ref: dict[str, Any] = {}
        link = d.get("source_link") or ""
        if ":" in link:
            key, _, pk = link.partition(":")
            ref[key] = int(pk)
        elif (d.get("source_text") or "").strip():
            ref["text"] = d["source_text"]
        by_id = {u.pk: u for u in self.candidates}
        ids = list(dict.fromkeys([d["lead"], *d["others"]]))
        item = EnforcementItem.objects.filter(code=d["item"]).first() if d.get("item") else None
        return {
            "party": party,
            "source": d["source"],
            "source_ref": ref,
            "cause": d["cause"],
            "violation_date": d["violation_date"],
            "violation_end": d.get("violation_end"),
            "discovered_on": d.get("discovered_on"),
            "life_health_harm": bool(d.get("life_health_harm")),
            "handlers": [by_id[i] for i in ids],
            "item": item,
        }
