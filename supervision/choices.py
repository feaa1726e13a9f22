"""Status values of the supervision app (执法监督)."""

from django.db import models


class RubricStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    RETIRED = "retired", "已停用"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class CampaignKind(models.TextChoices):
    CASE_FILES = "case_files", "案卷评查"
    SCHEMES = "schemes", "检查方案抽查"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "待抽取"
    DRAWN = "drawn", "评查中"
    CLOSED = "closed", "已结束"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "待分派"
    ASSIGNED = "assigned", "评查中"
    SUBMITTED = "submitted", "已提交"
    OBJECTED = "objected", "异议复核中"
    FINAL = "final", "已复核"


class SchemeCheckStatus(models.TextChoices):
    PENDING = "pending", "待审查"
    COMPLIANT = "compliant", "符合要求"
    RETURNED = "returned", "退回修改"


class RectificationStatus(models.TextChoices):
    OPEN = "open", "待整改"
    ANSWERED = "answered", "已报送整改情况"
    ACCEPTED = "accepted", "整改通过"
    RETURNED = "returned", "退回重新整改"
    ESCALATED = "escalated", "逾期未报送"


class AutoCheck(models.TextChoices):
    """Items the system can judge from the dossier (pre-marked, confirmed by the reviewer)."""

    NONE = "", "—"
    LEGAL_REVIEW = "legal_review", "应当法制审核而未审核"
    DECISION_DEADLINE = "decision_deadline", "超过办案期限作出决定"
    TWO_OFFICERS = "two_officers", "执法人员不足两名"
    SERVICE = "service", "决定书未送达（无送达回证）"
    PUBLICATION = "publication", "未按时公示"


# Case statuses a campaign may sample from (a closed or archived file by default)
SAMPLE_STATUSES = [
    ("closed", "已结案"),
    ("archived", "已归档"),
    ("decided", "已决定（未结案）"),
    ("executing", "执行中"),
    ("no_penalty", "不予处罚"),
]
DEFAULT_SAMPLE_STATUSES = ["closed", "archived"]
