from typing import Any

from django.apps import AppConfig


def _visible_case_ids(user: Any) -> Any:
    from .models import Case

    return Case.objects.visible_to(user).values("id")


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "案件办理"

    def ready(self) -> None:
        from enforcement.core.registry import (
            HAZARD_FILE_CASE,
            DemoSeeder,
            DocumentKind,
            register_audit_actions,
            register_audit_field_labels,
            register_audit_object_types,
            register_deadline_kind,
            register_demo_seeder,
            register_document_kind,
            register_object_scope,
            register_provider,
        )

        from . import demo
        from .choices import CaseAction
        from .services.create import file_case_from_hazard
        from .services.deadlines import DEADLINE_KINDS
        from .services.documents import DOCUMENT_KINDS
        from .services.effects import CASE_NUMBER_KIND
        from .services.remedies import DEADLINE_KINDS as REMEDY_DEADLINE_KINDS
        from .services.service import DEADLINE_KINDS as SERVICE_DEADLINE_KINDS

        for kind in (*DEADLINE_KINDS, *SERVICE_DEADLINE_KINDS, *REMEDY_DEADLINE_KINDS):
            register_deadline_kind(kind)
        for doc in DOCUMENT_KINDS:
            register_document_kind(doc)
        register_document_kind(
            DocumentKind(
                CASE_NUMBER_KIND, "案件编号", default_pattern="（{short}）应急立〔{year}〕{seq}号", abbr="立"
            )
        )
        register_audit_actions(
            {
                "case.create": "登记案件",
                "case.add_evidence": "上传证据",
                "case.supersede_evidence": "替换证据",
                "case.download_evidence": "下载证据",
                **{f"case.{a.value}": str(a.label) for a in CaseAction},
            }
        )
        register_audit_object_types(["cases.case"])
        register_audit_field_labels(
            {
                "cause": "案由",
                "decisions": "处罚决定",
                "evidence": "证据",
                "handlers": "承办人员",
                "party": "当事人",
                "method": "送达方式",
                "served": "送达文书",
                "effective_on": "送达生效日",
                "restarted": "重新起算的期限",
                "remedy": "行政复议/诉讼",
                "answer_due": "答复/答辩期限",
                "answered_on": "答复/答辩日",
                "outcome": "结果",
                "decision": "处罚决定",
                "amount": "罚款金额",
                "decision_due": "办案期限",
            }
        )
        register_provider(HAZARD_FILE_CASE, file_case_from_hazard)
        register_object_scope("cases.case", _visible_case_ids)
        register_demo_seeder(DemoSeeder(40, "cases", demo.seed_cases))
