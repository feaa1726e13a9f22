"""送达 (service) as pure rules (spec §1.12): what each method needs, and the day service counts.

Sources (✅ as cited in spec §1.12):
- 行政处罚法 Art 61 ¶1: the decision is handed over on the spot after it is announced; when the party is
  absent, it is served within 7 (working, Art 85) days under the Civil Procedure Law.
- 行政处罚法 Art 61 ¶2: fax, e-mail and the like only where the party agreed and signed a confirmation
  (送达地址确认书) — before the service.
- 民事诉讼法 (2023) Art 87: the 送达回证 signed by the recipient; the date of signing is the service date.
- Art 88: direct service to the person, a legal person's legal representative / main person in charge, or
  the person designated to receive documents.
- Art 89: 留置送达 on refusal — a representative of the grassroots organisation or the recipient's unit is
  invited to witness, the reason and date are noted, the document is left; or it is left and the process
  recorded by photo or video. Service counts on that day.
- Art 90: electronic service with consent; the service date is the day the message arrives in the system
  the recipient specified.
- Art 91: entrusted service (the receipt the recipient signs counts) or service by post (the date of
  receipt on the postal return receipt is the service date).
- Art 95: 公告送达 when the whereabouts are unknown or every other method failed; deemed served **30 days
  after the notice is issued** (自发出公告之日起，经过三十日，即视为送达); the reason and process are recorded.

Reading (unverified, stated in the report): the 30 days of Art 95 are counted like every period (the
publication day not counted) and the deemed day is *not* rolled forward over a rest day — it is the day a
fact is deemed to happen, not the last day for someone to act; the windows that start from it roll.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DIRECT, LEFT, POST, ELECTRONIC, ENTRUSTED, PUBLIC_NOTICE = (
    "direct",
    "left",
    "post",
    "electronic",
    "entrusted",
    "public_notice",
)
METHODS = (DIRECT, LEFT, POST, ELECTRONIC, ENTRUSTED, PUBLIC_NOTICE)
PUBLIC_NOTICE_DAYS = 30
SERVE_DECISION_WORKING_DAYS = 7

BASIS = {
    DIRECT: "民事诉讼法第八十七条、第八十八条：受送达人在送达回证上签收的日期为送达日期",
    LEFT: "民事诉讼法第八十九条：受送达人拒绝接收的，留置送达，留置之日视为送达",
    POST: "民事诉讼法第九十一条：邮寄送达的，以回执上注明的收件日期为送达日期",
    ELECTRONIC: (
        "行政处罚法第六十一条第二款、民事诉讼法第九十条：经当事人同意并签订确认书，"
        "以送达信息到达受送达人特定系统的日期为送达日期"
    ),
    ENTRUSTED: "民事诉讼法第九十一条：委托送达的，以受送达人在送达回证上签收的日期为送达日期",
    PUBLIC_NOTICE: "民事诉讼法第九十五条：公告送达，自发出公告之日起，经过三十日，即视为送达",
}


@dataclass(frozen=True)
class ServiceFacts:
    """What was recorded about one service (the input of the rules)."""

    method: str
    served_date: dt.date
    recipient: str = ""
    witnesses: tuple[str, ...] = ()
    has_record: bool = False  # a photo/video of the 留置 (民诉法 Art 89, second way)
    receipt_date: dt.date | None = None
    consent_ref: str = ""
    consent_on: dt.date | None = None
    arrived_on: dt.date | None = None
    entrusted_to: str = ""
    published_on: dt.date | None = None
    public_notice_reason: str = ""


@dataclass(frozen=True)
class Effective:
    day: dt.date
    basis: str


def refusal(f: ServiceFacts, *, issued_on: dt.date, today: dt.date) -> str | None:
    """A Chinese refusal when the facts do not make a lawful service by ``f.method``, else None.
    ``issued_on`` is the day the document was issued (nothing is served before it)."""
    if f.method not in METHODS:
        return "请选择送达方式：直接送达、留置送达、邮寄送达、电子送达、委托送达或公告送达"
    if f.served_date > today:
        return "送达日期不能晚于今天"
    if f.served_date < issued_on:
        return f"送达日期不能早于文书作出之日（{issued_on.isoformat()}）"
    if f.method != PUBLIC_NOTICE and not f.recipient.strip():
        return "请填写受送达人或签收人（民事诉讼法第八十七条）"
    check = _CHECKS[f.method]
    return check(f, today)


def _direct(f: ServiceFacts, today: dt.date) -> str | None:
    return None


def _left(f: ServiceFacts, today: dt.date) -> str | None:
    if not any(w.strip() for w in f.witnesses) and not f.has_record:
        return (
            "留置送达须邀请有关基层组织或者所在单位的代表到场见证，或者采用拍照、录像等方式记录送达过程"
            "（民事诉讼法第八十九条）"
        )
    return None


def _post(f: ServiceFacts, today: dt.date) -> str | None:
    if f.receipt_date is None:
        return "邮寄送达以回执上注明的收件日期为送达日期，请填写回执签收日（民事诉讼法第九十一条）"
    if f.receipt_date < f.served_date:
        return "回执签收日不能早于交邮日"
    if f.receipt_date > today:
        return "回执签收日不能晚于今天"
    return None


def _electronic(f: ServiceFacts, today: dt.date) -> str | None:
    if not f.consent_ref.strip() or f.consent_on is None:
        return (
            "电子送达须当事人事先同意并签订送达地址确认书（行政处罚法第六十一条第二款、民事诉讼法第九十条）"
        )
    if f.consent_on > f.served_date:
        return "当事人同意电子送达的日期晚于发送日期：须事先同意（行政处罚法第六十一条第二款）"
    arrived = f.arrived_on or f.served_date
    if arrived < f.served_date:
        return "到达日不能早于发送日"
    if arrived > today:
        return "到达日不能晚于今天"
    return None


def _entrusted(f: ServiceFacts, today: dt.date) -> str | None:
    if not f.entrusted_to.strip():
        return "请填写受托送达的机关（民事诉讼法第九十一条）"
    return None


def _public_notice(f: ServiceFacts, today: dt.date) -> str | None:
    if not f.public_notice_reason.strip():
        return "公告送达限于受送达人下落不明或者用其他方式无法送达，请写明理由（民事诉讼法第九十五条）"
    published = f.published_on or f.served_date
    if published < f.served_date or published > today:
        return "公告发布日应在送达日期与今天之间"
    return None


_CHECKS = {
    DIRECT: _direct,
    LEFT: _left,
    POST: _post,
    ELECTRONIC: _electronic,
    ENTRUSTED: _entrusted,
    PUBLIC_NOTICE: _public_notice,
}


def effective_date(f: ServiceFacts) -> Effective:
    """The day service counts, per method (call after ``refusal`` returned None)."""
    if f.method == POST:
        assert f.receipt_date is not None
        return Effective(f.receipt_date, f"{BASIS[POST]}（回执签收日{f.receipt_date.isoformat()}）")
    if f.method == ELECTRONIC:
        day = f.arrived_on or f.served_date
        return Effective(day, f"{BASIS[ELECTRONIC]}（到达日{day.isoformat()}）")
    if f.method == PUBLIC_NOTICE:
        published = f.published_on or f.served_date
        day = published + dt.timedelta(days=PUBLIC_NOTICE_DAYS)
        return Effective(
            day, f"{BASIS[PUBLIC_NOTICE]}（{published.isoformat()}发布公告，{day.isoformat()}视为送达）"
        )
    return Effective(f.served_date, f"{BASIS[f.method]}（{f.served_date.isoformat()}）")
