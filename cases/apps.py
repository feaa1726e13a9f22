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
        from .services.measures import MEASURE_DEADLINE_KINDS
        from .services.record_documents import RECORD_DOCUMENT_KINDS

        for kind in (*DEADLINE_KINDS, *MEASURE_DEADLINE_KINDS):
            register_deadline_kind(kind)
        for doc in (*DOCUMENT_KINDS, *RECORD_DOCUMENT_KINDS):
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
                "case.record_interview": "制作询问笔录",
                "case.record_site": "制作勘验笔录/现场笔录",
                "case.record_sampling": "抽样取证",
                "case.request_preservation": "申请先行登记保存",
                "case.approve_preservation": "审批先行登记保存",
                "case.decide_preservation": "先行登记保存处理决定",
                "case.request_seizure": "申请查封扣押",
                "case.approve_seizure": "审批查封扣押",
                "case.extend_seizure": "延长查封扣押期限",
                "case.release_seizure": "解除查封扣押",
                "case.start_seizure_testing": "查封扣押物品送检",
                "case.end_seizure_testing": "查封扣押物品检测结束",
                **{f"case.{a.value}": str(a.label) for a in CaseAction},
            }
        )
        register_audit_object_types(["cases.case"])
        register_audit_field_labels(
            {
                "cause": "案由",
                "evidence": "证据",
                "handlers": "承办人员",
                "party": "当事人",
                "interview": "询问笔录",
                "site_record": "勘验/现场笔录",
                "sampling": "抽样取证",
                "preservation": "先行登记保存",
                "seizure": "查封扣押",
                "officers": "执法人员",
                "questions": "问答数",
                "items": "物品数",
                "approved": "是否批准",
                "handling": "处理决定",
                "days": "延长日数",
                "until": "预计截止日期",
            }
        )
        register_provider(HAZARD_FILE_CASE, file_case_from_hazard)
        register_object_scope("cases.case", _visible_case_ids)
        register_demo_seeder(DemoSeeder(40, "cases", demo.seed_cases))
