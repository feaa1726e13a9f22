from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "执法监督"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from enforcement.core.registry import (
            DashboardPanel,
            DemoSeeder,
            ObjectPanel,
            register_audit_actions,
            register_audit_field_labels,
            register_audit_object_types,
            register_dashboard_panel,
            register_deadline_kind,
            register_demo_seeder,
            register_object_panel,
        )

        from . import dashboard, demo, demo_dashboard, panels, seed
        from .services.rectifications import DEADLINE_KINDS

        post_migrate.connect(seed.restore_after_flush, sender=self, dispatch_uid="supervision.reference_data")
        for kind in DEADLINE_KINDS:
            register_deadline_kind(kind)
        register_audit_actions(
            {
                "supervision.campaign_create": "创建评查活动",
                "supervision.campaign_draw": "抽取评查案卷",
                "supervision.campaign_close": "结束评查活动",
                "supervision.review_assign": "分派评查人员",
                "supervision.review_score": "评查打分",
                "supervision.review_submit": "提交评查结果",
                "supervision.review_object": "对评查结果提出异议",
                "supervision.review_recheck_assign": "指定复核人员",
                "supervision.review_recheck": "完成评查复核",
                "supervision.review_excellent": "评为优秀案卷",
                "supervision.rectification_issue": "下发评查整改通知",
                "supervision.rectification_answer": "报送整改情况",
                "supervision.rectification_decide": "审核整改情况",
                "supervision.rectification_escalate": "整改逾期上报",
                "supervision.scheme_check": "审查检查方案",
                "supervision.rubric_edit": "维护评查标准",
                "supervision.rubric_delete": "删除评查标准内容",
                "supervision.rubric_publish": "发布评查标准",
                "supervision.rubric_copy": "复制评查标准为新版本",
                "supervision.quota_edit": "修改年度评查数量要求",
                "supervision.licensing_enter": "填报行政许可统计数据",
            }
        )
        register_audit_object_types(
            [
                "supervision.campaign",
                "supervision.casefilereview",
                "supervision.rectification",
                "supervision.schemecheck",
                "supervision.rubric",
                "supervision.licensingfigures",
            ]
        )
        register_audit_field_labels(
            {
                "pool_size": "抽取池数量",
                "agencies": "被评查机构",
                "files": "证明材料（SHA-256）",
                "pool_hash": "抽取池哈希",
                "sample": "抽取结果",
                "sample_hash": "抽取结果哈希",
                "reviewer": "评查人员",
                "rechecker": "复核人员",
                "case": "案件",
                "items": "评查项目",
                "total": "得分",
                "grade": "等次",
                "vetoes": "触及的否决项",
                "review": "案卷评查",
                "late": "逾期报送",
                "accepted": "是否通过",
                "opinion": "意见",
                "scheme": "检查方案",
                "ratio": "抽取比例",
                "version": "版本",
                "max_points": "总分",
                "level": "层级",
                "files_per_year": "每年最少评查案卷数",
                "licence_applied": "行政许可申请数",
                "licence_accepted": "行政许可受理数",
                "licence_granted": "准予行政许可数",
                "licence_refused": "不予行政许可数",
                "licence_revoked": "撤销行政许可数",
                "source_note": "数据来源",
            }
        )
        register_object_panel(
            ObjectPanel(50, "cases.case", "supervision/panel_case_reviews.html", panels.case_reviews)
        )
        register_dashboard_panel(
            DashboardPanel(40, "supervision/panel_supervisor.html", dashboard.supervisor_panel)
        )
        register_dashboard_panel(DashboardPanel(41, "supervision/panel_head.html", dashboard.head_panel))
        # before the bulk cases of `seed_demo --scale` (order 45): the demo campaign samples the demo cases only
        register_demo_seeder(DemoSeeder(44, "supervision", demo.seed_supervision))
        # same order, registered after it (stable sort), before the bulk cases (45): samples the same demo cases
        register_demo_seeder(
            DemoSeeder(44, "supervision.in-progress", demo_dashboard.seed_campaign_in_progress)
        )
        # before the 2025 report (order 90), which reads them
        register_demo_seeder(DemoSeeder(89, "supervision.licensing", demo_dashboard.seed_licensing))

        from . import efficacy_registry, report_registry

        report_registry.register()
        efficacy_registry.register()
