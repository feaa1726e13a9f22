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

        from . import demo, demo_bulk
        from .choices import CaseAction
        from .services.create import file_case_from_hazard
        from .services.deadlines import DEADLINE_KINDS
        from .services.documents import DOCUMENT_KINDS
        from .services.effects import CASE_NUMBER_KIND

        for kind in DEADLINE_KINDS:
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
            {"cause": "案由", "evidence": "证据", "handlers": "承办人员", "party": "当事人"}
        )
        register_provider(HAZARD_FILE_CASE, file_case_from_hazard)
        register_object_scope("cases.case", _visible_case_ids)
        register_demo_seeder(DemoSeeder(40, "cases", demo.seed_cases))
        register_demo_seeder(DemoSeeder(45, "cases.bulk", demo_bulk.seed_bulk))
