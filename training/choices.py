"""Status and kind choices of the training app (执法人员管理)."""

from __future__ import annotations

from django.db import models


class CertificateStatus(models.TextChoices):
    """Stored statuses of a 执法证. "expired" is never stored: it is derived from ``expires_on``."""

    APPLIED = "applied", "申领中"
    ISSUED = "issued", "已核发"
    SUSPENDED = "suspended", "暂扣"
    WITHDRAWN = "withdrawn", "已收回"
    CANCELLED = "cancelled", "已注销"


# A holder may have at most one certificate in these statuses (holding two is itself a 收回 ground).
CURRENT_STATUSES = (CertificateStatus.APPLIED, CertificateStatus.ISSUED, CertificateStatus.SUSPENDED)


class CertificateAction(models.TextChoices):
    APPLY = "apply", "申领"
    ISSUE = "issue", "核发"
    ANNUAL_REVIEW = "annual_review", "年审"
    RENEW = "renew", "换发"
    SUSPEND = "suspend", "暂扣"
    LIFT_SUSPENSION = "lift_suspension", "解除暂扣"
    WITHDRAW = "withdraw", "收回"
    CANCEL = "cancel", "注销"


class ReviewResult(models.TextChoices):
    PASSED = "passed", "合格"
    FAILED = "failed", "不合格"


class TrainingKind(models.TextChoices):
    INDUCTION = "induction", "入职培训"
    REFRESHER = "refresher", "复训"
    ROTATION = "rotation", "全员轮训"
    LEGAL = "legal", "法律知识"
    SKILLS = "skills", "专业技能"
    DRILL = "drill", "岗位练兵/技能竞赛"
    QUALIFICATION_EXAM = "qualification_exam", "执法资格考试"


class TrainingResult(models.TextChoices):
    PASSED = "passed", "合格"
    FAILED = "failed", "不合格"
    ATTENDED = "attended", "参训（无考核）"


class EducationLevel(models.TextChoices):
    NONE = "", "未填写"
    SECONDARY = "secondary", "高中/中专"
    JUNIOR_COLLEGE = "junior_college", "大专"
    BACHELOR = "bachelor", "本科"
    MASTER = "master", "硕士研究生"
    DOCTOR = "doctor", "博士研究生"


class QualificationKind(models.TextChoices):
    SAFETY_ENGINEER = "safety_engineer", "注册安全工程师"
    LEGAL = "legal", "法律职业资格"
    FIRE_ENGINEER = "fire_engineer", "注册消防工程师"
    SAFETY_EVALUATOR = "safety_evaluator", "安全评价师"
    OTHER = "other", "其他相关职业资格"
