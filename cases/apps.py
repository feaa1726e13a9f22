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
            DailyJob,
            DemoSeeder,
            DocumentKind,
            ObjectPanel,
            register_audit_actions,
            register_audit_field_labels,
            register_audit_object_types,
            register_daily_job,
            register_deadline_kind,
            register_demo_seeder,
            register_document_kind,
            register_object_panel,
            register_object_scope,
            register_provider,
        )

        from . import demo, demo_publication
        from .choices import CaseAction
        from .services.create import file_case_from_hazard
        from .services.credit import LISTING_LABELS
        from .services.deadlines import DEADLINE_KINDS
        from .services.documents import DOCUMENT_KINDS
        from .services.effects import CASE_NUMBER_KIND
        from .services.publication import DEADLINE_KINDS as PUBLICATION_DEADLINE_KINDS

        for kind in (*DEADLINE_KINDS, *PUBLICATION_DEADLINE_KINDS):
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
                "decision": "处罚决定",
                "publication": "公示",
                "ends_on": "公示期满日",
                "record": "信用记录",
                "records": "信用记录",
                "listing": "严重失信名单列入",
                "repair": "信用修复申请",
                "approved": "准予",
                "upheld": "异议成立",
            }
        )
        register_provider(HAZARD_FILE_CASE, file_case_from_hazard)
        register_object_scope("cases.case", _visible_case_ids)
        register_demo_seeder(DemoSeeder(40, "cases", demo.seed_cases))
        register_demo_seeder(DemoSeeder(41, "cases_publication", demo_publication.seed_publications))
        register_daily_job(DailyJob(50, "cases.publication_credit", _daily))
        register_object_panel(
            ObjectPanel(50, "core.enterprise", "cases/panels/enterprise_credit.html", _credit_panel)
        )
