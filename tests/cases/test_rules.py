"""Pure legal rules of the cases app, each on both sides of its threshold, citing the article."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.rules import limitation, party, periods, procedure
from cases.rules.procedure import Thresholds

D = dt.date


# --- GB 11643 ID numbers ---------------------------------------------------------------------------


def test_id_number_check_digit_gb11643():
    good = "11010519491231002X"  # the standard's example
    assert party.id_number_refusal(good) is None
    assert party.id_number_refusal(good.lower()) is None
    assert "校验码" in party.id_number_refusal("110105194912310021")
    assert "18位" in party.id_number_refusal("11010519491231002")
    assert "出生日期" in party.id_number_refusal("110105194913310028")
    assert party.id_check_char("11010519491231002") == "X"


def test_id_number_birth_date_not_in_the_future():
    first17 = "32011120300101001"
    number = first17 + party.id_check_char(first17)
    assert party.id_number_refusal(number, today=D(2026, 6, 1)) is not None
    assert party.id_number_refusal(number, today=D(2031, 1, 1)) is None


# --- Art 36 limitation (ERRATA) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("harm", "discovered", "ok"),
    [
        (False, D(2026, 5, 1), True),  # the last day of 2 years
        (False, D(2026, 5, 2), False),
        (True, D(2029, 5, 1), True),  # 5 years where life/health with harm
        (True, D(2029, 5, 2), False),
    ],
)
def test_limitation_art36_two_or_five_years(harm, discovered, ok):
    refusal = limitation.limitation_refusal(D(2024, 5, 1), discovered, harm)
    assert (refusal is None) is ok
    if not ok:
        assert "第三十六条" in refusal


def test_limitation_counts_from_the_end_of_a_continuing_act_and_29_february():
    assert limitation.limitation_expiry(D(2024, 2, 29), False) == D(2026, 2, 28)
    assert limitation.limitation_refusal(D(2023, 1, 1), D(2025, 6, 1), False) is not None
    assert limitation.limitation_refusal(D(2024, 1, 1), D(2025, 6, 1), False) is None
    assert "不能早于" in limitation.limitation_refusal(D(2024, 1, 1), D(2023, 6, 1), False)


# --- Art 60 / 15号令 decision period (ERRATA: by filing date) --------------------------------------


def test_decision_period_by_filing_date():
    assert periods.decision_period(D(2026, 1, 31)).days == 30
    assert periods.decision_period(D(2026, 2, 1)).days == 90
    assert periods.next_extension(D(2026, 1, 31), 0) == (90, periods.HEAD)
    assert periods.next_extension(D(2026, 1, 31), 1) == (180, periods.HIGHER)
    assert periods.next_extension(D(2026, 1, 31), 2) is None
    assert periods.next_extension(D(2026, 2, 1), 0) is None


def test_extension_limits():
    filed = D(2026, 1, 10)
    due = D(2026, 2, 9)
    assert periods.extension_refusal(filed, 0, D(2026, 4, 10), due) is None  # filed + 90
    assert "最长" in periods.extension_refusal(filed, 0, D(2026, 4, 11), due)
    assert "晚于" in periods.extension_refusal(filed, 0, due, due)
    assert "90日" in periods.extension_refusal(D(2026, 3, 1), 0, D(2026, 9, 1), D(2026, 5, 30))
    assert "用尽" in periods.extension_refusal(filed, 2, D(2026, 9, 1), due)


def test_overdue_decision_needs_a_reason():
    assert periods.decision_deadline_refusal(D(2026, 5, 30), D(2026, 5, 30), "") is None
    assert "第六十条" in periods.decision_deadline_refusal(D(2026, 5, 31), D(2026, 5, 30), "")
    assert periods.decision_deadline_refusal(D(2026, 5, 31), D(2026, 5, 30), "鉴定耗时") is None


# --- Art 63 hearing triggers as data per party type ------------------------------------------------


@pytest.mark.parametrize(
    ("party_type", "amount", "right"),
    [
        ("unit", 49_999, False),
        ("unit", 50_000, True),
        ("individual", 19_999, False),
        ("individual", 20_000, True),
    ],
)
def test_hearing_threshold_inclusive_per_party_type(party_type, amount, right):
    reasons = procedure.hearing_reasons(party_type, amount, [], Thresholds())
    assert bool(reasons) is right
    if right:
        assert "第六十三条" in reasons[0]


def test_hearing_thresholds_are_data_and_measures_trigger():
    assert procedure.hearing_reasons("unit", 30_000, [], Thresholds(unit=30_000))
    assert procedure.hearing_reasons("unit", 0, ["责令停产停业整顿"], Thresholds())
    assert not procedure.hearing_reasons("unit", 0, ["警告"], Thresholds())


# --- Art 58 review, Art 57 collective discussion ---------------------------------------------------


def test_review_reasons_spec7_and_calculator():
    kw = {"party_type": "unit", "measures": [], "thresholds": Thresholds()}
    assert procedure.review_reasons(total_fine=49_999, **kw) == []
    assert procedure.review_reasons(total_fine=50_000, **kw)
    assert procedure.review_reasons(total_fine=1000, calculator_reasons=["减轻"], **kw)
    assert procedure.review_reasons(total_fine=1000, outside_recommendation=True, **kw)
    assert any("第五十八条" in r for r in procedure.review_reasons(total_fine=1000, hearing_held=True, **kw))
    assert procedure.review_reasons(total_fine=0, proposal="transfer", **kw)


def test_collective_reasons_art57():
    kw = {"party_type": "individual", "measures": [], "thresholds": Thresholds()}
    assert procedure.collective_reasons(total_fine=19_999, **kw) == []
    assert "第五十七条" in procedure.collective_reasons(total_fine=20_000, **kw)[0]
    assert procedure.collective_reasons(total_fine=0, reduced=True, **kw)
    assert procedure.collective_reasons(total_fine=0, calculator_requires=True, **kw)


def test_review_passed_and_after_hearing_art58():
    assert procedure.review_passed_refusal(False, None, None) is None
    assert "第五十八条" in procedure.review_passed_refusal(True, None, None)
    assert procedure.review_passed_refusal(True, D(2026, 6, 2), D(2026, 6, 2)) is None
    assert "听证后" in procedure.review_passed_refusal(True, D(2026, 6, 1), D(2026, 6, 2))
    assert procedure.collective_refusal(True, None) is not None
    assert procedure.collective_refusal(True, D(2026, 6, 1)) is None


# --- Art 44, 62, 64: notice and windows -----------------------------------------------------------


def test_no_penalty_decision_without_notice_art44_62():
    assert "第六十二条" in procedure.notice_refusal("penalty", None)
    assert procedure.notice_refusal("penalty", D(2026, 6, 1)) is None
    assert procedure.notice_refusal("no_penalty", None) is None


def _window(on, **kw):
    base = {
        "proposal": "penalty",
        "defence_due": D(2026, 6, 4),
        "hearing_request_due": None,
        "defence_on": None,
        "waived_on": None,
        "hearing_requested": False,
        "hearing_held": False,
    }
    base.update(kw)
    return procedure.window_refusal(on, **base)


def test_defence_window_art62():
    assert _window(D(2026, 6, 4)) is not None  # the last day of the window
    assert _window(D(2026, 6, 5)) is None
    assert _window(D(2026, 6, 2), waived_on=D(2026, 6, 2)) is None
    assert _window(D(2026, 6, 2), defence_on=D(2026, 6, 2)) is None
    assert _window(D(2026, 6, 2), proposal="no_penalty") is None


def test_hearing_request_window_and_requested_hearing_art64():
    assert _window(D(2026, 6, 8), hearing_request_due=D(2026, 6, 8), defence_on=D(2026, 6, 2)) is not None
    assert _window(D(2026, 6, 9), hearing_request_due=D(2026, 6, 8)) is None
    assert "听证" in _window(D(2026, 6, 20), hearing_requested=True)
    assert _window(D(2026, 6, 20), hearing_requested=True, hearing_held=True) is None
    assert procedure.hearing_request_refusal(D(2026, 6, 8), True, D(2026, 6, 8)) is None
    assert "届满" in procedure.hearing_request_refusal(D(2026, 6, 9), True, D(2026, 6, 8))
    assert "第六十三条" in procedure.hearing_request_refusal(D(2026, 6, 1), False, None)


def test_no_heavier_penalty_after_defence_art45():
    notified = {(1, "unit", ""): 20_000}
    assert procedure.aggravation_refusal(notified, {(1, "unit", ""): 20_000}) is None
    assert procedure.aggravation_refusal(notified, {(1, "unit", ""): 15_000}) is None
    assert "第四十五条" in procedure.aggravation_refusal(notified, {(1, "unit", ""): 20_001})
    assert "未经告知" in procedure.aggravation_refusal(notified, {(1, "main_person", "张三"): 1})


def test_hearing_chair_and_notice_art64():
    assert procedure.chair_refusal(3, [1, 2]) is None
    assert "调查人员" in procedure.chair_refusal(1, [1, 2])
    assert procedure.chair_refusal(None, [1]) is not None
    assert procedure.hearing_notice_refusal(D(2026, 6, 1), D(2026, 6, 1)) is None
    assert "7个工作日" in procedure.hearing_notice_refusal(D(2026, 6, 2), D(2026, 6, 1))


def test_order_of_notice_and_review_spec21():
    kw = {"hearing_requested": False, "hearing_held": False}
    assert procedure.review_order_refusal(review_before_notice=False, notified=False, **kw) is not None
    assert procedure.review_order_refusal(review_before_notice=False, notified=True, **kw) is None
    assert procedure.review_order_refusal(review_before_notice=True, notified=False, **kw) is None
    assert "听证之后" in procedure.review_order_refusal(
        review_before_notice=True, notified=True, hearing_requested=True, hearing_held=False
    )


# --- amounts on documents (spec §4.3) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "人民币零元整"),
        (8, "人民币捌元整"),
        (20000, "人民币贰万元整"),
        (20500, "人民币贰万零伍佰元整"),
        (100500, "人民币壹拾万零伍佰元整"),
        (1000001, "人民币壹佰万零壹元整"),
        (50000, "人民币伍万元整"),
        (1203040, "人民币壹佰贰拾万叁仟零肆拾元整"),
        (100000000, "人民币壹亿元整"),
    ],
)
def test_yuan_capitals(amount, text):
    from cases.rules.money import yuan_both, yuan_capitals

    assert yuan_capitals(amount) == text
    assert yuan_both(20000) == "人民币贰万元整（￥20,000.00）"
