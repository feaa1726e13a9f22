from typing import Any

from django.apps import AppConfig


def _visible_case_ids(user: Any) -> Any:
    from .models import Case

    return Case.objects.visible_to(user).values("id")


def _daily(today: Any) -> dict[str, int]:
    """公示 and 信用 daily job: timed withdrawals, withdrawal deadlines for changed decisions, catch-ups."""
    from .services import credit, publication

    done = publication.run_daily(today)
    done["credit_pushed"] = credit.push_missing(today)
    done["listings_ended"] = credit.end_listings(today)
    return done


def _credit_panel(request: Any, enterprise: Any) -> dict[str, Any]:
    from .services.credit import enterprise_panel

    return enterprise_panel(request, enterprise)


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "案件办理"

    def ready(self) -> None:
        from enforcement.core.registry import (
            HAZARD_FILE_CASE,
            RECENTLY_PENALISED,
            DailyJob,
            DashboardPanel,
            DemoSeeder,
            DocumentKind,
            ObjectPanel,
            register_audit_actions,
            register_audit_field_labels,
            register_audit_object_types,
            register_daily_job,
            register_dashboard_panel,
            register_deadline_kind,
            register_demo_seeder,
            register_document_kind,
            register_object_panel,
            register_object_scope,
            register_provider,
        )

        from . import demo, demo_archive, demo_bulk, demo_publication, panels
        from .choices import CaseAction
        from .services import summary, transfer
        from .services.closing import DOC_CLOSING
        from .services.create import file_case_from_hazard
        from .services.credit import LISTING_LABELS
        from .services.deadlines import DEADLINE_KINDS
        from .services.documents import DOCUMENT_KINDS
        from .services.effects import CASE_NUMBER_KIND
        from .services.learning import recently_penalised
        from .services.measures import MEASURE_DEADLINE_KINDS
        from .services.payment import PAYMENT_DEADLINE_KINDS
        from .services.payment_documents import PAYMENT_DOCUMENT_KINDS
        from .services.publication import DEADLINE_KINDS as PUBLICATION_DEADLINE_KINDS
        from .services.record_documents import RECORD_DOCUMENT_KINDS
        from .services.remedies import DEADLINE_KINDS as REMEDY_DEADLINE_KINDS
        from .services.service import DEADLINE_KINDS as SERVICE_DEADLINE_KINDS

        for kind in (
            *DEADLINE_KINDS,
            *summary.DEADLINE_KINDS,
            *transfer.DEADLINE_KINDS,
            *MEASURE_DEADLINE_KINDS,
            *SERVICE_DEADLINE_KINDS,
            *REMEDY_DEADLINE_KINDS,
            *PAYMENT_DEADLINE_KINDS,
            *PUBLICATION_DEADLINE_KINDS,
        ):
            register_deadline_kind(kind)
        for doc in (
            *DOCUMENT_KINDS,
            *summary.DOCUMENT_KINDS,
            *transfer.DOCUMENT_KINDS,
            *RECORD_DOCUMENT_KINDS,
            *PAYMENT_DOCUMENT_KINDS,
        ):
            register_document_kind(doc)
        register_document_kind(
            DocumentKind(DOC_CLOSING, "结案审批表", template="documents/cases/closing.html", abbr="结")
        )
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
                "case.add_supplement": "归档后补充材料",
                "case.request_borrowing": "申请借阅案卷",
                "case.decide_borrowing": "审批借阅案卷",
                "case.return_borrowing": "归还借阅案卷",
                "case.download_dossier": "调阅归档案卷",
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
                "publication.withdraw": "撤回公示（系统）",
                "publication.withdrawal_due": "决定变更，待撤回公示",
                "credit.push": "推送行政处罚信用信息",
                "credit.listing_notice": "告知拟列入严重失信主体名单",
                **{f"credit.listing_{a}": f"严重失信名单：{label}" for a, label in LISTING_LABELS.items()},
                "credit.listing_end": "移出严重失信主体名单（管理期满）",
                "credit.repair_request": "登记信用修复申请",
                "credit.repair_decide": "审核信用修复申请",
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
                "procedure": "程序",
                "penalty": "处罚种类",
                "amount": "金额（元）",
                "cash": "当场收缴罚款",
                "filing_due": "备案期限",
                "filed_back_on": "备案日",
                "handed_in_on": "交至本机关日",
                "transfer_to": "移送对象",
                "receiving_body": "接收机关",
                "transfer": "移送记录",
                "evidence_count": "随附证据数",
                "received_on": "接收日",
                "outcome_on": "受理决定日",
                "handed_over_on": "移交涉案物品日",
                "follow_up": "不予受理后的处理",
                "ground": "结案理由",
                "note": "说明",
                "dossier": "案卷版本",
                "pages": "页数",
                "supplement": "补充材料",
                "title": "事项",
                "borrowing": "借阅申请",
                "until": "截止日期",
                "approved": "是否批准",
                "opinion": "意见",
                "interview": "询问笔录",
                "site_record": "勘验/现场笔录",
                "sampling": "抽样取证",
                "preservation": "先行登记保存",
                "seizure": "查封扣押",
                "officers": "执法人员",
                "questions": "问答数",
                "items": "物品数",
                "handling": "处理决定",
                "days": "延长日数",
                "method": "送达方式",
                "served": "送达文书",
                "effective_on": "送达生效日",
                "restarted": "重新起算的期限",
                "remedy": "行政复议/诉讼",
                "answer_due": "答复/答辩期限",
                "answered_on": "答复/答辩日",
                "outcome": "结果",
                "decision": "处罚决定",
                "decision_due": "办案期限",
                "surcharge": "加处罚款（元）",
                "outstanding": "尚欠罚款（元）",
                "deferral": "延期（分期）申请",
                "schedule": "缴款计划",
                "document": "文书",
                "publication": "公示",
                "ends_on": "公示期满日",
                "record": "信用记录",
                "records": "信用记录",
                "listing": "严重失信名单列入",
                "repair": "信用修复申请",
                "upheld": "异议成立",
            }
        )
        register_audit_field_labels(  # the 文书 an action issued (numbers), cases.services.documents
            {"document": "出具文书", "documents": "出具文书"}
        )
        register_provider(HAZARD_FILE_CASE, file_case_from_hazard)
        register_provider(RECENTLY_PENALISED, recently_penalised)
        register_object_scope("cases.case", _visible_case_ids)
        register_demo_seeder(DemoSeeder(40, "cases", demo.seed_cases))
        register_demo_seeder(DemoSeeder(48, "cases-archive", demo_archive.seed_archive))
        register_demo_seeder(DemoSeeder(41, "cases_publication", demo_publication.seed_publications))
        register_daily_job(DailyJob(50, "cases.publication_credit", _daily))
        register_object_panel(
            ObjectPanel(50, "core.enterprise", "cases/panels/enterprise_credit.html", _credit_panel)
        )
        register_dashboard_panel(DashboardPanel(35, "cases/panel_cases.html", panels.my_cases))
        register_dashboard_panel(DashboardPanel(36, "cases/panel_head.html", panels.awaiting_head))
        register_demo_seeder(DemoSeeder(45, "cases.bulk", demo_bulk.seed_bulk))
        # The case list's agency/handler options (cases.listing) are cached per user until either changes.
        from enforcement.core.models import Agency, User
        from enforcement.core.services.reference_cache import invalidate_on

        from .listing import OPTIONS_CACHE

        invalidate_on(OPTIONS_CACHE, Agency, User, ignore_fields=frozenset({"last_login"}))
