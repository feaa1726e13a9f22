"""Status, kind and action choices of the inspections app (监督检查)."""

from __future__ import annotations

from django.db import models


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "编制中"
    SUBMITTED = "submitted", "报批中"
    APPROVED = "approved", "已批准"
    PUBLISHED = "published", "已公示"


class PlanAction(models.TextChoices):
    SUBMIT = "submit", "报批"
    RETURN = "return", "退回修改"
    APPROVE = "approve", "批准"
    PUBLISH = "publish", "公示"
    ADJUST = "adjust", "调整"


class QuotaKind(models.TextChoices):
    KEY = "key", "重点检查（全覆盖）"
    RANDOM = "random", "双随机抽查"
    CAMPAIGN = "campaign", "专项检查"


class DrawStatus(models.TextChoices):
    DRAFT = "draft", "待抽取"
    DRAWN = "drawn", "已抽取"
    PUBLISHED = "published", "已公示"


class DrawStratifyField(models.TextChoices):
    """Which enterprise attribute forms the strata that carry their own ratio (spec §3.2 classification)."""

    RISK_CLASS = "risk_class", "风险等级"
    CREDIT_STATUS = "credit_status", "信用状况"
    STANDARDIZATION = "standardization_level", "安全生产标准化等级"
    SECTOR = "sector", "行业"


class JointStatus(models.TextChoices):
    PLANNED = "planned", "已安排"
    DONE = "done", "已实施"
    CANCELLED = "cancelled", "已取消"


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", "编制中"
    SUBMITTED = "submitted", "报批中"
    APPROVED = "approved", "已批准"
    RETURNED = "returned", "已退回"
    DONE = "done", "已实施"
    CANCELLED = "cancelled", "已取消"


class SchemeAction(models.TextChoices):
    SUBMIT = "submit", "报批"
    APPROVE = "approve", "批准"
    RETURN = "return", "退回"
    REVISE = "revise", "修改后重新编制"
    CANCEL = "cancel", "取消"


class MemberRole(models.TextChoices):
    LEADER = "leader", "组长"
    MEMBER = "member", "组员"


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", "现场检查中"
    COMPLETED = "completed", "已完成"


class CheckResult(models.TextChoices):
    CONFORM = "conform", "符合"
    NONCONFORM = "nonconform", "不符合"
    NOT_APPLICABLE = "na", "不适用"


class HazardLevel(models.TextChoices):
    GENERAL = "general", "一般事故隐患"
    MAJOR = "major", "重大事故隐患"


class HazardStatus(models.TextChoices):
    FOUND = "found", "已认定"
    RECTIFYING = "rectifying", "限期整改中"
    EXTENSION_REQUESTED = "extension_requested", "延期申请审查中"
    OVERDUE = "overdue", "逾期未改正"
    ESCALATED = "escalated", "已报告负责人"
    CASE_FILED = "case_filed", "已立案"
    CLOSED = "closed", "整改完成（销号）"


class HazardAction(models.TextChoices):
    ORDER_RECTIFICATION = "order_rectification", "责令限期整改"
    REQUEST_EXTENSION = "request_extension", "登记延期申请"
    DECIDE_EXTENSION = "decide_extension", "审查延期申请"
    RECHECK = "recheck", "复查"
    ESCALATE = "escalate", "报告负责人"
    FILE_CASE = "file_case", "立案"


class RecheckResult(models.TextChoices):
    RECTIFIED = "rectified", "已整改"
    NOT_RECTIFIED = "not_rectified", "未整改"


class ExtensionDecision(models.TextChoices):
    PENDING = "pending", "待审查"
    APPROVED = "approved", "同意延期"
    REFUSED = "refused", "不同意延期"


class StandardGroup(models.TextChoices):
    MANAGEMENT = "management", "管理类"
    SECTOR = "sector", "行业类"
    SPECIAL = "special", "专项类"
