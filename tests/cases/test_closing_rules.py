"""When a case may be closed (spec §2.2 row 15): each ground on both sides."""

from __future__ import annotations

from cases.rules.closing import DecisionState, close_refusal


def d(**kw):
    base = {
        "number": "（浦）应急罚〔2026〕1号",
        "penalty": True,
        "in_force": True,
        "served": True,
        "outstanding": 0,
    }
    return DecisionState(**{**base, "court_applied": False, **kw})


def test_performed_needs_every_decision_served_and_paid():
    assert close_refusal("performed", "executing", [d()], "") is None
    assert "尚未送达" in close_refusal("performed", "executing", [d(served=False)], "")
    assert "尚有500元未缴纳" in close_refusal("performed", "executing", [d(outstanding=500)], "")
    # a revoked or voided decision, or a no-penalty decision, leaves nothing to perform
    assert close_refusal("performed", "executing", [d(outstanding=500, in_force=False)], "") is None
    assert close_refusal("performed", "decided", [d(penalty=False, served=False)], "") is None
    assert "已作出处罚决定" in close_refusal("performed", "legal_review", [d()], "")


def test_court_enforced_needs_the_application_and_the_courts_result():
    unpaid = d(outstanding=20000)
    assert "未申请人民法院强制执行" in close_refusal("court_enforced", "executing", [unpaid], "裁定书")
    applied = d(outstanding=20000, court_applied=True)
    assert "执行情况" in close_refusal("court_enforced", "executing", [applied], "")
    assert (
        close_refusal("court_enforced", "executing", [applied], "（2026）苏0111行审123号裁定准予执行") is None
    )


def test_no_penalty_and_transferred_grounds_follow_the_status():
    assert close_refusal("no_penalty", "no_penalty", [], "") is None
    assert close_refusal("no_penalty", "executing", [d()], "") is not None
    assert close_refusal("transferred", "transferred", [], "") is None
    assert close_refusal("transferred", "no_penalty", [], "") is not None


def test_another_ground_must_be_written_out():
    """行政强制法 Art 40: e.g. 终结执行 when the party died leaving no estate — the facts must be stated."""
    assert "不少于10字" in close_refusal("other", "executing", [d(outstanding=1)], "当事人死亡")
    assert (
        close_refusal("other", "executing", [d(outstanding=1)], "当事人死亡，无遗产可供执行，终结执行")
        is None
    )
    assert close_refusal("nonsense", "executing", [], "") == "请选择结案理由"
