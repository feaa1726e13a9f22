from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "enforcement.core"
    label = "core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import roles

        post_migrate.connect(roles.ensure_roles, dispatch_uid="core.ensure_roles")
        from . import registry

        registry.register_core_kinds()

        from axes.signals import user_locked_out

        from . import auth_audit

        user_locked_out.connect(auth_audit.audit_lockout, dispatch_uid="core.audit_lockout")
