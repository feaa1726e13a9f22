"""Choices of the cases app: statuses (spec §2.1), party kinds, sources, actions."""

from __future__ import annotations

from django.db import models


class CaseStatus(models.TextChoices):
    DRAFT = "draft", "预立案"
    SUBMITTED = "submitted", "立案审批中"
    REJECTED = "rejected", "不予立案"
    FILED = "filed", "已立案"
    INVESTIGATING = "investigating", "调查取证"
    TRANSFERRED = "transferred", "已移送"
    INVESTIGATION_CLOSED = "investigation_closed", "调查终结"
    NOTIFIED = "notified", "已告知"
    DEFENCE = "defence", "陈述申辩/复核"
    WAIVED = "waived", "放弃陈述申辩"
    HEARING_REQUESTED = "hearing_requested", "申请听证"
    HEARING_SCHEDULED = "hearing_scheduled", "已通知听证"
    HEARING_HELD = "hearing_held", "已听证"
    LEGAL_REVIEW = "legal_review", "法制审核"
    COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论"
    NO_PENALTY = "no_penalty", "不予处罚"
    DECIDED = "decided", "已决定"
    EXECUTING = "executing", "执行中"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SUMMARY = "summary", "简易程序（当场处罚）"


class SummaryPenalty(models.TextChoices):
    WARNING = "warning", "警告"
    FINE = "fine", "罚款"


class TransferTo(models.TextChoices):
    PUBLIC_SECURITY = "public_security", "公安机关（涉嫌犯罪）"
    OTHER_AGENCY = "other_agency", "其他行政机关"


class TransferOutcome(models.TextChoices):
    PENDING = "", "待受理"
    ACCEPTED = "accepted", "已受理（立案）"
    DECLINED = "declined", "不予受理（不予立案）"


class PartyKind(models.TextChoices):
    ENTERPRISE = "enterprise", "生产经营单位"
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "其他组织"


class CaseSource(models.TextChoices):
    INSPECTION = "inspection", "监督检查发现"
    COMPLAINT = "complaint", "投诉举报"
    ACCIDENT = "accident", "事故调查"
    ASSIGNED = "assigned", "上级交办"
    TRANSFER = "transfer", "其他机关移送"
    MONITORING = "monitoring", "非现场监测"
    OTHER = "other", "其他"


class Proposal(models.TextChoices):
    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    TRANSFER = "transfer", "移送"


class ReviewStatus(models.TextChoices):
    NONE = "", "未送审"
    PENDING = "pending", "待审核"
    TAKEN = "taken", "审核中"
    APPROVED = "approved", "审核通过"
    RETURNED = "returned", "退回补充"


class ExtensionStatus(models.TextChoices):
    NONE = "", "无"
    PENDING = "pending", "待批准"


class FineSubject(models.TextChoices):
    UNIT = "unit", "单位"
    RESPONSIBLE = "responsible_person", "直接负责的主管人员和其他直接责任人员"
    MAIN = "main_person", "主要负责人"
    INDIVIDUAL = "individual", "个人"


class CaseAction(models.TextChoices):
    SUBMIT_FILING = "submit_filing", "提交立案审批"
    APPROVE_FILING = "approve_filing", "批准立案"
    REJECT_FILING = "reject_filing", "不予立案"
    REASSIGN_HANDLERS = "reassign_handlers", "变更承办人"
    REQUEST_RECUSAL = "request_recusal", "申请回避"
    DECIDE_RECUSAL = "decide_recusal", "决定回避"
    CONCLUDE_INVESTIGATION = "conclude_investigation", "调查终结"
    NOTIFY = "notify", "告知"
    RECORD_DEFENCE = "record_defence", "记录陈述申辩"
    REQUEST_HEARING = "request_hearing", "申请听证"
    WAIVE_RIGHTS = "waive_rights", "放弃陈述申辩和听证"
    SCHEDULE_HEARING = "schedule_hearing", "通知听证"
    HOLD_HEARING = "hold_hearing", "举行听证"
    SUBMIT_LEGAL_REVIEW = "submit_legal_review", "送法制审核"
    TAKE_LEGAL_REVIEW = "take_legal_review", "领取法制审核"
    COMPLETE_LEGAL_REVIEW = "complete_legal_review", "完成法制审核"
    RECORD_COLLECTIVE_DISCUSSION = "record_collective_discussion", "记录集体讨论"
    REQUEST_EXTENSION = "request_extension", "申请延长办案期限"
    APPROVE_EXTENSION = "approve_extension", "批准延长办案期限"
    DECIDE = "decide", "作出决定"
    DECIDE_ON_SPOT = "decide_on_spot", "当场作出处罚决定"
    RECORD_FILING_BACK = "record_filing_back", "当场处罚备案"
    RECORD_CASH_HANDOVER = "record_cash_handover", "当场收缴罚款交纳"
    TRANSFER = "transfer", "移送"
    RECORD_TRANSFER_RECEIPT = "record_transfer_receipt", "记录移送回执和受理情况"
    RESUME_AFTER_TRANSFER = "resume_after_transfer", "移送未受理后继续办理"
    CLOSE = "close", "结案"
    ARCHIVE = "archive", "归档"
    SERVE = "serve", "送达"
    RECORD_REMEDY = "record_remedy", "登记行政复议/诉讼"
    RECORD_REMEDY_OUTCOME = "record_remedy_outcome", "登记复议/诉讼答复或结果"
