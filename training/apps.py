from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "执法人员管理"

    def ready(self) -> None:
        from enforcement.core.registry import (
            DashboardPanel,
            DemoSeeder,
            register_audit_actions,
            register_audit_object_types,
            register_dashboard_panel,
            register_deadline_kind,
            register_demo_seeder,
        )

        from . import demo, panels
        from .services.reminders import DEADLINE_KINDS

        for kind in DEADLINE_KINDS:
            register_deadline_kind(kind)
        register_audit_actions(
            {
                "certificate.apply": "申领执法证",
                "certificate.issue": "核发执法证",
                "certificate.annual_review": "执法证年审",
                "certificate.renew": "换发执法证",
                "certificate.suspend": "暂扣执法证",
                "certificate.lift_suspension": "解除暂扣执法证",
                "certificate.withdraw": "收回执法证",
                "certificate.cancel": "注销执法证",
                "training.record": "录入培训记录",
                "training.import": "导入培训记录",
                "training.course_create": "创建培训课程",
                "training.requirement_set": "设置年度培训要求",
                "officer.profile_update": "修改执法人员档案",
                "officer.qualification_add": "登记职业资格",
                "officer.first_review": "登记首次法制审核",
            }
        )
        register_audit_object_types(
            [
                f"training.{model}"
                for model in (
                    "certificate",
                    "annualreview",
                    "officerprofile",
                    "professionalqualification",
                    "course",
                    "trainingrecord",
                    "trainingrequirement",
                )
            ]
        )
        register_dashboard_panel(
            DashboardPanel(20, "training/panel_my_certificate.html", panels.my_certificate)
        )
        register_demo_seeder(DemoSeeder(10, "training", demo.seed_training))
        from .services.training import register_importer

        register_importer()
