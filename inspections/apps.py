from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "监督检查"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import seed

        # the migrations' reference data again after a flush (like core's audit chain head)
        post_migrate.connect(seed.restore_after_flush, sender=self, dispatch_uid="inspections.reference_data")
        from enforcement.core.registry import (
            DashboardPanel,
            DemoSeeder,
            register_audit_actions,
            register_audit_field_labels,
            register_audit_object_types,
            register_dashboard_panel,
            register_deadline_kind,
            register_demo_seeder,
            register_document_kind,
        )

        from . import demo, demo_bulk, demo_draws, panels
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
                "plan.create": "编制年度监督检查计划",
                "plan.update": "修改年度计划测算参数",
                "plan.quota": "添加年度计划指标",
                "plan.quota_remove": "删除年度计划指标",
                "plan.submit": "年度计划报批",
                "plan.return": "退回年度计划",
                "plan.approve": "登记年度计划批准",
                "plan.publish": "公示年度计划",
                "plan.adjust": "调整年度计划",
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
        register_audit_object_types(
            [
                f"inspections.{model}"
                for model in (
                    "annualplan",
                    "inspectionscheme",
                    "inspection",
                    "inspectionattachment",
                    "hazard",
                    "hazardextension",
                    "hazardrecheck",
                    "randomdraw",
                    "officerrecusal",
                    "jointinspection",
                    "checklisttemplate",
                )
            ]
        )
        register_audit_field_labels(
            {
                "attachment": "附件",
                "document": "文书",
                "enterprise": "生产经营单位",
                "inspection": "现场检查",
                "level": "隐患等级",
                "officers": "检查人员",
                "place": "检查地点",
                "refused_to_sign": "拒绝签字",
                "results": "检查结果",
                "scheme": "检查方案",
                "size": "文件大小（字节）",
                "standard_item": "判定标准条款",
                "templates": "检查表模板",
                "witness": "见证人",
                "algorithm": "抽取算法",
                "done_on": "实施日期",
                "late": "是否逾期",
                "officer_pool_hash": "执法人员名录哈希",
                "participants": "参与部门",
                "pool_hash": "抽查名录哈希",
                "pool_size": "名录数量",
                "publish_due": "公示期限",
                "result_hash": "抽取结果哈希",
                "scheduled_on": "计划日期",
                "seed": "随机种子",
                "selected": "抽中数量",
                "visits_avoided": "减少入企次数",
                "working_days": "全年工作日",
                "key_enterprises": "重点企业数",
                "quota": "计划指标",
            }
        )
        register_dashboard_panel(DashboardPanel(30, "inspections/panel_todo.html", panels.my_todo))
        register_demo_seeder(DemoSeeder(30, "inspections", demo.seed_inspections))
        register_demo_seeder(DemoSeeder(31, "inspections.draws", demo_draws.seed_draws))
        # after the bulk cases (45): their bulk officers make the inspection teams
        register_demo_seeder(DemoSeeder(46, "inspections.bulk", demo_bulk.seed_bulk))
