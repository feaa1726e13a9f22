"""When a case may be closed (结案, spec §2.2 row 15; 15号令 ◐): after full performance, after the court's
enforcement, after a decision not to penalise, after a transfer, or on another ground the law knows
(e.g. 行政强制法 Art 39–40: 中止/终结执行 — the party died leaving no estate, the organisation ended
without a successor), written out. Pure: the caller passes what it knows of each decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

OTHER_NOTE_MIN = 10


@dataclass(frozen=True)
class DecisionState:
    number: str
    penalty: bool
    in_force: bool
    served: bool
    outstanding: int  # yuan still owed (fine and surcharge); 0 when paid in full or nothing to pay
    court_applied: bool


def close_refusal(ground: str, status: str, decisions: Sequence[DecisionState], note: str) -> str | None:
    """None when ``ground`` closes a case in ``status`` with these decisions; else the Chinese reason."""
    note = (note or "").strip()
    if ground == "no_penalty":
        return None if status == "no_penalty" else "只有决定不予行政处罚的案件可以此理由结案"
    if ground == "transferred":
        return None if status == "transferred" else "只有已移送的案件可以此理由结案"
    if ground == "other":
        if len(note) < OTHER_NOTE_MIN:
            return f"以其他情形结案须写明事实和依据（不少于{OTHER_NOTE_MIN}字），例如行政强制法第四十条规定的终结执行情形"
        return None
    if ground not in ("performed", "court_enforced"):
        return "请选择结案理由"
    if status not in ("decided", "executing"):
        return "只有已作出处罚决定的案件可以履行完毕或强制执行结案"
    for d in decisions:
        if not (d.penalty and d.in_force):
            continue
        if not d.served:
            return f"决定书{d.number}尚未送达，不能结案（行政处罚法第六十一条）"
        if d.outstanding <= 0:
            continue
        if ground == "performed":
            return f"决定书{d.number}尚有{d.outstanding}元未缴纳，不能以履行完毕结案"
        if not d.court_applied:
            return f"决定书{d.number}尚有{d.outstanding}元未缴纳，且未申请人民法院强制执行"
        if not note:
            return "以人民法院强制执行结案须写明法院的执行情况（裁定书文号或执行结果）"
    return None
