"""The core workflow engine on a toy table: order of checks, refusals name their guard and change nothing,
available/blocked actions read the same table, state-dependent targets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.services.workflow import Context, Guard, Transition, Workflow


class Obj(SimpleNamespace):
    saved: list[list[str]]

    def save(self, update_fields):
        self.saved.append(update_fields)


def make(state="draft", owner="ann", amount=0):
    return Obj(status=state, owner=owner, amount=amount, saved=[])


def big_or_small(obj, ctx):
    return "big" if obj.amount > 100 else "small"


WF = Workflow(
    name="toy",
    transitions=[
        Transition("submit", frozenset({"draft"}), "submitted", ("owner",), guards=("has_amount",)),
        Transition("approve", frozenset({"submitted"}), big_or_small, ("boss",), guards=("note",)),
        Transition("drop", frozenset({"draft", "submitted"}), "dropped"),
    ],
    who={"owner": lambda u, o: u == o.owner, "boss": lambda u, o: u == "boss"},
    guards={
        "has_amount": Guard("has_amount", lambda o, c: None if o.amount else "请填写金额"),
        "note": Guard("note", lambda o, c: None if c.params.get("note") else "请填写意见", needs_input=True),
    },
    state_messages={"approve": "只有已提交的可以批准"},
)


def test_unknown_guard_name_is_refused_when_the_table_is_built():
    with pytest.raises(ValueError):
        Workflow(
            name="bad",
            transitions=[Transition("x", frozenset({"a"}), "b", guards=("nope",))],
            who={},
            guards={},
        )


def test_run_moves_and_saves_state():
    obj = make(amount=5)
    assert WF.run(obj, "submit", Context(actor="ann")) == ("draft", "submitted", {})
    assert obj.status == "submitted"
    assert obj.saved == [["status"]]


@pytest.mark.parametrize(("amount", "target"), [(101, "big"), (100, "small")])
def test_target_depends_on_the_object(amount, target):
    obj = make("submitted", amount=amount)
    WF.run(obj, "approve", Context(actor="boss", params={"note": "同意"}))
    assert obj.status == target


def test_refusals_in_order_and_nothing_saved():
    with pytest.raises(InvalidInput):
        WF.run(make(), "fly", Context(actor="ann"))
    with pytest.raises(NotAllowed):
        WF.run(make(amount=5), "submit", Context(actor="bob"))
    obj = make("draft")
    with pytest.raises(InvalidTransition) as exc:
        WF.run(obj, "approve", Context(actor="boss"), state_label="草稿")
    assert exc.value.message == "只有已提交的可以批准（当前状态：草稿）"
    with pytest.raises(GuardFailed) as exc2:
        WF.run(obj, "submit", Context(actor="ann"))
    assert exc2.value.code == "toy.has_amount"
    assert exc2.value.message == "请填写金额"
    assert obj.status == "draft" and obj.saved == []


def test_available_and_blocked_come_from_the_same_table():
    obj = make("draft", amount=0)
    assert WF.available_actions("ann", obj) == ["drop"]
    assert [b.as_dict() for b in WF.blocked_actions("ann", obj)] == [
        {"name": "submit", "guards": [{"code": "toy.has_amount", "detail": "请填写金额"}]}
    ]
    assert WF.available_actions("bob", obj) == ["drop"]
    assert WF.blocked_actions("bob", obj) == []
    # a guard needing input is left to the run: approve is offered to the boss
    assert WF.available_actions("boss", make("submitted")) == ["approve", "drop"]
    assert WF.actions_from("submitted") == ["approve", "drop"]
    assert WF.allows("draft", "submit") and not WF.allows("draft", "approve")
