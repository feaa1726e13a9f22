from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "监督检查"

    def ready(self) -> None:
        from enforcement.core.registry import (
            DashboardPanel,
            DemoSeeder,
            register_audit_actions,
            register_dashboard_panel,
            register_deadline_kind,
            register_demo_seeder,
            register_document_kind,
        )

        from . import demo, demo_draws, panels
        from .services.deadlines import DEADLINE_KINDS
        from .services.documents import DOCUMENT_KINDS

        for kind in DEADLINE_KINDS:
            register_deadline_kind(kind)
        for doc in DOCUMENT_KINDS:
            register_document_kind(doc)
        register_audit_actions(
            {
                "scheme.create": "编制检查方案",
                "scheme.submit": "检查方案报批",
                "scheme.approve": "批准检查方案",
                "scheme.return": "退回检查方案",
                "scheme.revise": "修改检查方案",
                "scheme.cancel": "取消检查方案",
                "inspection.start": "开始现场检查",
                "inspection.update": "填写现场检查记录",
                "inspection.attach": "上传现场照片/附件",
                "inspection.complete": "完成现场检查记录",
                "hazard.record": "认定隐患",
                "hazard.order_rectification": "责令限期整改",
                "hazard.request_extension": "登记延期整改申请",
                "hazard.decide_extension": "审查延期整改申请",
                "hazard.recheck": "整改复查",
                "hazard.escalate": "隐患报告负责人",
                "hazard.file_case": "隐患立案",
                "draw.create": "创建双随机抽查任务",
                "draw.run": "双随机抽取",
                "draw.verify": "复核双随机抽取",
                "draw.publish": "公示双随机抽查结果",
                "draw.recusal": "登记执法人员回避",
                "joint.create": "安排综合联检",
                "joint.complete": "综合联检实施",
                "joint.cancel": "取消综合联检",
            }
        )
        register_dashboard_panel(DashboardPanel(30, "inspections/panel_todo.html", panels.my_todo))
        register_demo_seeder(DemoSeeder(30, "inspections", demo.seed_inspections))
        register_demo_seeder(DemoSeeder(31, "inspections.draws", demo_draws.seed_draws))
