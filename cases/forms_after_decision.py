"""Forms of the actions after the decision (送达, 复议/诉讼): the choices of decisions, documents, evidence and
remedies come from the case (``bind_case``); the services validate again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType

from .models import Case, CaseEvidence, CaseRemedy, RemedyKind, RemedyOutcome, ServiceMethod

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _date(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )


def _char(label: str, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.TextInput(attrs=TEXT))


def _choice(label: str, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, required=required, coerce=int, empty_value=None, widget=forms.Select(attrs=SELECT)
    )


def _set_choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class ServeForm(forms.Form):
    target = forms.ChoiceField(label="送达的文书", required=False, widget=forms.Select(attrs=SELECT))
    method = forms.ChoiceField(
        label="送达方式", choices=ServiceMethod.choices, widget=forms.Select(attrs=SELECT)
    )
    date = _date("送达日期（交付、留置、交邮、发送或公告之日）")
    recipient = _char("受送达人/签收人")
    recipient_relation = _char("签收人身份（本人、法定代表人、收件人等）")
    witnesses = _char("见证人（留置送达，以顿号分隔）")
    refusal_note = _char("拒收情况（留置送达）")
    receipt_date = _date("邮件回执签收日（邮寄送达）")
    tracking_number = _char("邮件号（邮寄送达）")
    consent_ref = _char("送达地址确认书（电子送达须事先同意）")
    consent_on = _date("同意电子送达日")
    electronic_address = _char("电子送达地址")
    arrived_on = _date("到达受送达人系统日（电子送达）")
    entrusted_to = _char("受托送达机关（委托送达）")
    published_on = _date("公告发布日（公告送达）")
    publication_medium = _char("公告载体")
    public_notice_reason = _char("公告送达理由（下落不明或其他方式无法送达）")
    receipt = _choice("送达回执（本案证据）")
    receipt_file = forms.FileField(label="或上传送达回执", required=False)

    def bind_case(self, case: Case) -> None:
        from enforcement.core.models import Document

        from .services.documents import DOC_FILING

        choices = [("", "全部未送达的处罚决定书（或告知书）")]
        for d in case.decisions.filter(ended_on__isnull=True, served_on__isnull=True).order_by("id"):
            choices.append(
                (f"decision:{d.pk}", f"{d.number or d.get_kind_display() + '书'}（{d.party_name}）")
            )
        docs = Document.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id=case.pk
        ).exclude(kind=DOC_FILING)
        for doc in docs.order_by("issued_at", "id"):
            choices.append((f"document:{doc.pk}", f"{doc.title} {doc.number}"))
        _set_choices(self, "target", choices)
        _set_choices(
            self,
            "receipt",
            [("", "（无）")]
            + [
                (e.pk, f"{e.get_kind_display()}：{e.description}")
                for e in CaseEvidence.objects.filter(case=case, superseded_at__isnull=True).order_by("id")
            ],
        )

    def params(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        target = d.pop("target") or ""
        if ":" in target:
            key, _, pk = target.partition(":")
            d[key] = int(pk)
        names = (d.get("witnesses") or "").replace("，", "、").replace(",", "、")
        d["witnesses"] = [w.strip() for w in names.split("、") if w.strip()]
        return {k: v for k, v in d.items() if v not in (None, "")}


class _OutcomeFields(forms.Form):
    answered_on = _date("提交答复/答辩日")
    outcome = forms.ChoiceField(
        label="结果（审理中可不选）",
        required=False,
        choices=[("", "审理中")] + [c for c in RemedyOutcome.choices if c[0]],
        widget=forms.Select(attrs=SELECT),
    )
    outcome_on = _date("结果作出日")
    new_amount = forms.IntegerField(
        label="变更后罚款金额（元）", required=False, min_value=0, widget=forms.NumberInput(attrs=TEXT)
    )
    redo_due = _date("重新作出决定的期限（撤销并责令重新作出时，未定则按60日）")
    note = _char("说明")

    def params(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class RecordRemedyForm(_OutcomeFields):
    decision = _choice("处罚决定", required=True)
    kind = forms.ChoiceField(label="类型", choices=RemedyKind.choices, widget=forms.Select(attrs=SELECT))
    received_on = _date("收到申请书/起诉状副本日", required=True)
    body = _char("复议机关/人民法院")

    field_order = ["decision", "kind", "received_on", "body"]

    def bind_case(self, case: Case) -> None:
        _set_choices(
            self,
            "decision",
            [
                (d.pk, f"{d.number or d.get_kind_display() + '书'}（{d.party_name}）")
                for d in case.decisions.filter(ended_on__isnull=True, kind="penalty").order_by("id")
            ],
        )


class RemedyOutcomeForm(_OutcomeFields):
    remedy = _choice("行政复议/诉讼", required=True)

    field_order = ["remedy"]

    def bind_case(self, case: Case) -> None:
        _set_choices(
            self,
            "remedy",
            [
                (r.pk, f"{r.get_kind_display()}（{r.decision.party_name}，{r.received_on:%Y-%m-%d}收到）")
                for r in CaseRemedy.objects.filter(decision__case=case, outcome="").select_related("decision")
            ],
        )
