"""送达 and remedy rules (spec §1.12, §1.16, §5): what each service method needs and the day service counts
(民事诉讼法 Art 87–95, 行政处罚法 Art 61), the party's windows (行政复议法 Art 20, 行政诉讼法 Art 46) and the
agency's answer periods (行政复议法 Art 48, 行政诉讼法 Art 67) on the real 2025–2026 调休 calendar, the
outcomes (禁止不利变更) and 纠错率."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases.rules import remedies as rr
from cases.rules import service as rs
from enforcement.core.services.calendar import load_calendar

D = dt.date
TODAY = D(2026, 6, 1)


def facts(method: str, **kw) -> rs.ServiceFacts:
    base = {"served_date": D(2026, 5, 20), "recipient": "张三"}
    base.update(kw)
    return rs.ServiceFacts(method=method, **base)


def refuse(f: rs.ServiceFacts) -> str | None:
    return rs.refusal(f, issued_on=D(2026, 5, 18), today=TODAY)


# --- what each method needs (both sides) -------------------------------------------------------------


def test_direct_service_counts_on_the_day_signed():
    """民事诉讼法 Art 87: the date signed on the 送达回证 is the service date."""
    f = facts("direct")
    assert refuse(f) is None
    assert rs.effective_date(f).day == D(2026, 5, 20)
    assert "第八十七条" in rs.effective_date(f).basis


def test_every_method_but_public_notice_needs_a_recipient():
    assert "受送达人" in refuse(facts("direct", recipient=" "))
    assert refuse(facts("public_notice", recipient="", public_notice_reason="下落不明")) is None


def test_service_date_lies_between_the_issue_and_today():
    assert refuse(facts("direct", served_date=D(2026, 6, 2))) == "送达日期不能晚于今天"
    assert "不能早于文书作出之日（2026-05-18）" in refuse(facts("direct", served_date=D(2026, 5, 17)))
    assert refuse(facts("direct", served_date=D(2026, 5, 18))) is None


def test_left_service_needs_a_witness_or_a_recorded_process():
    """民事诉讼法 Art 89: a grassroots/unit representative witnesses, or photo/video records it."""
    message = refuse(facts("left"))
    assert "留置送达须邀请" in message and "第八十九条" in message
    assert refuse(facts("left", witnesses=("社区主任李某",))) is None
    assert refuse(facts("left", has_record=True)) is None
    assert rs.effective_date(facts("left", witnesses=("李某",))).day == D(2026, 5, 20)


def test_post_counts_on_the_receipt_date():
    """民事诉讼法 Art 91: the date of receipt on the return receipt is the service date."""
    assert "回执签收日" in refuse(facts("post"))
    assert refuse(facts("post", receipt_date=D(2026, 5, 19))) == "回执签收日不能早于交邮日"
    assert refuse(facts("post", receipt_date=D(2026, 6, 2))) == "回执签收日不能晚于今天"
    f = facts("post", receipt_date=D(2026, 5, 25))
    assert refuse(f) is None
    assert rs.effective_date(f).day == D(2026, 5, 25)


def test_electronic_service_needs_prior_consent_and_counts_on_arrival():
    """行政处罚法 Art 61 ¶2 (agreed and signed before), 民事诉讼法 Art 90 (arrival in the system)."""
    assert "事先同意" in refuse(facts("electronic"))
    late = facts("electronic", consent_ref="送达地址确认书", consent_on=D(2026, 5, 21))
    assert "须事先同意" in refuse(late)
    ok = facts(
        "electronic", consent_ref="送达地址确认书", consent_on=D(2026, 5, 10), arrived_on=D(2026, 5, 21)
    )
    assert refuse(ok) is None
    assert rs.effective_date(ok).day == D(2026, 5, 21)
    same_day = facts("electronic", consent_ref="确认书", consent_on=D(2026, 5, 20))
    assert rs.effective_date(same_day).day == D(2026, 5, 20)
    assert refuse(
        facts("electronic", consent_ref="确认书", consent_on=D(2026, 5, 1), arrived_on=D(2026, 5, 19))
    )


def test_entrusted_service_names_the_entrusted_body():
    assert "受托送达的机关" in refuse(facts("entrusted"))
    assert refuse(facts("entrusted", entrusted_to="江北新区应急管理局")) is None


def test_public_notice_needs_a_reason_and_is_deemed_served_30_days_after_publication():
    """民事诉讼法 Art 95: 自发出公告之日起，经过三十日，即视为送达."""
    assert "下落不明" in refuse(facts("public_notice"))
    f = facts("public_notice", public_notice_reason="下落不明", published_on=D(2026, 5, 21))
    assert refuse(f) is None
    assert rs.effective_date(f).day == D(2026, 6, 20)
    # the deemed day is a fact, not a last day to act: not rolled over a holiday (reading)
    g = facts("public_notice", public_notice_reason="下落不明", served_date=D(2026, 5, 20))
    assert rs.effective_date(g).day == D(2026, 6, 19)  # 端午, stays
    assert refuse(facts("public_notice", public_notice_reason="x", published_on=D(2026, 5, 19)))


def test_unknown_method_is_refused():
    assert "请选择送达方式" in refuse(facts("fax"))


# --- windows and answers on the real calendar ------------------------------------------------------------


@pytest.fixture
def cal(work_calendar):
    return load_calendar()


def ends(served: D, cal) -> tuple[D, D]:
    recon, suit = rr.remedy_windows(served, cal)
    return recon.end, suit.end


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("served", "recon_end"),
    [
        (D(2026, 8, 10), D(2026, 10, 9)),  # a Friday: no roll
        (D(2026, 8, 2), D(2026, 10, 8)),  # 10-01 国庆 → the first working day after the holiday
        (D(2026, 8, 11), D(2026, 10, 10)),  # 10-10 is a 调休 Saturday: a working day, no roll
        (D(2025, 12, 20), D(2026, 2, 24)),  # 02-18 春节 → 02-24 (02-23 still a holiday)
    ],
)
def test_reconsideration_window_is_60_days_rolled_over_rest_days(cal, served, recon_end):
    """行政复议法 Art 20 (60 days from knowing), Art 88 → 民事诉讼法 Art 85 (last day on a rest day rolls)."""
    assert ends(served, cal)[0] == recon_end


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("served", "suit_end"),
    [
        (D(2026, 4, 1), D(2026, 10, 8)),  # 10-01 国庆 → 10-08
        (D(2025, 8, 31), D(2026, 2, 28)),  # no 31 February: month end, a 调休 Saturday (working)
        (D(2025, 8, 16), D(2026, 2, 24)),  # 02-16 春节 → 02-24
        (D(2026, 6, 1), D(2026, 12, 1)),
    ],
)
def test_litigation_window_is_6_months_by_the_civil_code(cal, served, suit_end):
    """行政诉讼法 Art 46 (6 months), 民法典 Art 201–203 (corresponding day / month end, roll-over)."""
    assert ends(served, cal)[1] == suit_end


@pytest.mark.django_db
def test_windows_say_why(cal):
    recon, suit = rr.remedy_windows(D(2026, 8, 2), cal)
    assert recon.label == "申请行政复议期限" and "行政复议法第二十条" in recon.basis
    assert "2026-08-02送达起算" in recon.basis and "顺延至2026-10-08" in recon.basis
    assert suit.label == "提起行政诉讼期限" and "行政诉讼法第四十六条" in suit.basis
    assert not recon.provisional
    assert suit.end == D(2027, 2, 2) and suit.provisional  # 2027 is not in the calendar yet
    assert rr.windows_passed_on(D(2026, 8, 2), cal) == D(2027, 2, 3)


@pytest.mark.django_db
def test_answer_periods(cal):
    """行政复议法 Art 48 + Art 88: 10 working days (国庆 skipped, the 10-10 调休 Saturday counts);
    行政诉讼法 Art 67: 15 days, rolled over 国庆."""
    due, provisional, basis = rr.answer_due("reconsideration", D(2026, 9, 28), cal)
    assert (due, provisional) == (D(2026, 10, 16), False) and "第四十八条" in basis
    due, _, basis = rr.answer_due("litigation", D(2026, 9, 16), cal)
    assert due == D(2026, 10, 8) and "第六十七条" in basis


# --- outcomes ------------------------------------------------------------------------------------------


def outcome(o: str, **kw) -> str | None:
    args = {"amount": 20000, "new_amount": None, "received_on": D(2026, 5, 1), "outcome_on": D(2026, 5, 30)}
    args.update(kw)
    return rr.outcome_refusal(o, today=TODAY, **args)


def test_outcome_rules():
    assert outcome("upheld") is None
    assert outcome("ordered_to_perform") == "请选择复议/诉讼结果"  # no 责令履行 for a penalty (ERRATA)
    assert outcome("upheld", outcome_on=None) == "请填写结果作出日"
    assert outcome("upheld", outcome_on=D(2026, 6, 2)) == "结果作出日不能晚于今天"
    assert outcome("upheld", outcome_on=D(2026, 4, 30)).startswith("结果作出日不能早于")
    assert "变更后的罚款金额" in outcome("varied")
    assert outcome("varied", new_amount=15000) is None
    assert outcome("varied", new_amount=20000) is None
    assert "第六十三条第二款" in outcome("varied", new_amount=20001)  # 禁止不利变更
    assert outcome("upheld", new_amount=100) == "只有变更或调解/和解结案可以改变罚款金额"
    assert outcome("settled", new_amount=18000) is None


def test_correction_rate_counts_corrections_over_concluded_remedies():
    rate = rr.correction_rate(
        ["upheld", "varied", "revoked", "revoked_redo", "illegal", "void", "settled", "withdrawn", ""]
    )
    assert (rate.corrected, rate.concluded) == (5, 8)
    assert rate.rate == 5 / 8
    assert rr.correction_rate(["", ""]).rate is None


@given(st.lists(st.sampled_from([*rr.OUTCOMES, ""]), max_size=30))
def test_correction_rate_is_a_share(outcomes):
    rate = rr.correction_rate(outcomes)
    assert 0 <= rate.corrected <= rate.concluded == sum(1 for o in outcomes if o)
    assert rate.rate is None or 0 <= rate.rate <= 1


def test_merge_intervals():
    a, b, c, d = D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1), D(2026, 4, 1)
    assert rr.merge_intervals([(c, d), (a, b)]) == [(a, b), (c, d)]
    assert rr.merge_intervals([(a, c), (b, d)]) == [(a, d)]
    assert rr.merge_intervals([(a, None), (b, c)]) == [(a, None)]
    assert rr.merge_intervals([(a, c), (b, None)]) == [(a, None)]
