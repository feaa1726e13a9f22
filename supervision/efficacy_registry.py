"""What the efficacy-evaluation part of supervision registers with core (called from ``SupervisionConfig.ready``)."""

from __future__ import annotations


def register() -> None:
    from enforcement.core.registry import (
        DashboardPanel,
        DemoSeeder,
        register_audit_actions,
        register_audit_field_labels,
        register_audit_object_types,
        register_dashboard_panel,
        register_demo_seeder,
    )

    from .demo_efficacy import seed_efficacy
    from .panels_efficacy import lagging_agencies

    register_audit_actions({"efficacy.build": "生成执法效能评估", "efficacy.publish": "发布执法效能评估"})
    register_audit_object_types(["supervision.efficacyevaluation"])
    register_audit_field_labels({"period": "评估半年度", "lagging_agencies": "有落后指标的机构数"})
    register_dashboard_panel(DashboardPanel(40, "supervision/panel_efficacy.html", lagging_agencies))
    # after the cases (40/41), inspections (30/31) and the supervision campaign (44), before the bulk cases (45)
    register_demo_seeder(DemoSeeder(44, "supervision.efficacy", seed_efficacy))
