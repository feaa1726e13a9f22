"""What the annual-report part of supervision registers with core (called from ``SupervisionConfig.ready``)."""

from __future__ import annotations


def register() -> None:
    from enforcement.core.registry import (
        DemoSeeder,
        register_audit_actions,
        register_audit_field_labels,
        register_audit_object_types,
        register_demo_seeder,
    )

    from .demo_report import seed_annual_report

    register_audit_actions(
        {
            "annual_report.start": "发起生成行政执法统计年报",
            "annual_report.build": "生成行政执法统计年报",
            "annual_report.narrative": "修改年报情况说明",
        }
    )
    register_audit_object_types(["supervision.annualreport"])
    register_audit_field_labels(
        {
            "year": "统计年度",
            "as_of": "数据截止日",
            "pdf_sha256": "PDF文件SHA-256",
            "xlsx_sha256": "XLSX文件SHA-256",
        }
    )
    register_demo_seeder(DemoSeeder(90, "supervision.annual-report", seed_annual_report))
