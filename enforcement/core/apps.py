from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "enforcement.core"
    label = "core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import auth_audit, registry, roles
        from .services import audit, calendar_coverage, dashboard_subtree, import_kinds, users

        post_migrate.connect(roles.ensure_roles, dispatch_uid="core.ensure_roles")
        # Re-creates the chain head after a flush (tests); never for a non-empty chain.
        post_migrate.connect(audit.ensure_chain_head, sender=self, dispatch_uid="core.ensure_chain_head")
        registry.register_core_kinds()
        calendar_coverage.register()
        dashboard_subtree.register()  # heads' and supervisors' deadlines by agency and kind
        users.register()  # audit labels of account changes
        import_kinds.register()  # enterprises and catalog imports for the task runner
        auth_audit.connect()  # login/logout and axes lockout events
