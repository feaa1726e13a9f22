from django.apps import AppConfig


class DiscretionConfig(AppConfig):
    name = "discretion"
    verbose_name = "行政裁量权基准"

    def ready(self) -> None:
        from enforcement.core import roles
        from enforcement.core.registry import DemoSeeder, register_audit_actions, register_demo_seeder

        register_audit_actions(
            {
                "discretion.seed": "载入裁量基准种子数据",
                "discretion.version_copy": "复制裁量基准版本",
                "discretion.version_publish": "发布裁量基准版本",
                "discretion.import": "导入裁量基准",
                "discretion.change": "维护裁量基准",
                "discretion.delete": "删除裁量基准数据",
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
        ]
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
