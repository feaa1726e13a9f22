from django.apps import AppConfig


class DiscretionConfig(AppConfig):
    name = "discretion"
    verbose_name = "行政裁量权基准"

    def ready(self) -> None:
        from enforcement.core import roles
        from enforcement.core.registry import (
            CASE_FACTS,
            DemoSeeder,
            register_audit_actions,
            register_audit_field_labels,
            register_audit_object_types,
            register_demo_seeder,
            register_provider,
        )

        register_audit_actions(
            {
                "discretion.seed": "载入裁量基准种子数据",
                "discretion.version_copy": "复制裁量基准版本",
                "discretion.version_publish": "发布裁量基准版本",
                "discretion.import": "导入裁量基准",
                "discretion.change": "维护裁量基准",
                "discretion.delete": "删除裁量基准数据",
                "discretion.synonym_change": "维护检索同义词",
                "discretion.synonym_delete": "删除检索同义词",
                "discretion.case_facts": "案件事实文本纳入违法行为检索",
            }
        )
        from .services.import_kind import register_importer

        register_importer()
        models = [
            "benchmarkversion",
            "violation",
            "statutoryrange",
            "tier",
            "tierrange",
            "othermeasure",
            "circumstance",
            "firstoffencelist",
            "firstoffenceentry",
            "reviewcriterion",
            "synonym",
        ]
        register_audit_object_types([f"discretion.{model}" for model in models])
        register_audit_field_labels(
            {
                "violations": "违法行为",
                "enforcement_item_links": "关联执法事项",
                "circumstances": "裁量情节",
                "first_offence_entries": "首违不罚事项",
                "review_criteria": "法制审核情形",
                "measures": "其他处罚措施",
                "ranges": "处罚幅度",
                "tiers": "裁量阶次",
                "version": "裁量基准版本",
                "group": "同义词组",
                "officer_terms": "执法人员用语",
                "law_terms": "法条用语",
                "synonyms": "同义词",
                "case_ref": "案件",
                "violation_codes": "违法行为编码",
                "chars": "字数",
            }
        )
        roles.register_role_permissions(
            roles.AGENCY_ADMIN,
            {
                f"discretion.{action}_{model}"
                for model in models
                for action in ("view", "add", "change", "delete")
            },
        )

        def seed(*, scale: int = 0, stdout: object = None) -> None:
            from .services.seed import seed_demo

            seed_demo(scale=scale, stdout=stdout)

        register_demo_seeder(DemoSeeder(20, "discretion", seed))

        def case_facts(*, agency_id: int, case_ref: str, text: str, violation_codes: list[str]) -> object:
            from .services.lookup import record_case_facts

            return record_case_facts(
                agency_id=agency_id, case_ref=case_ref, text=text, violation_codes=violation_codes
            )

        # learning from cases: cases calls this by name (core registry) without importing discretion
        register_provider(CASE_FACTS, case_facts)
