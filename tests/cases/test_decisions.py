"""The decision step records one decision per party it concerns (spec §4.3, 一案双罚), also when the
documents are not rendered; the API lists them."""

from __future__ import annotations

from cases.choices import CaseStatus as S


def _to_decision(cw, violations):
    p = cw.personas
    c = cw.reach(S.FILED)
    c = cw.move(c, "conclude_investigation", facts="经查属实。", proposal="penalty", violations=violations)
    c = cw.move(c, "notify")
    c = cw.move(c, "waive_rights")
    c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
    c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    if c.collective_required:
        c = cw.move(
            c, "record_collective_discussion", p.head, participants=["甲", "乙", "丙"], conclusion="同意"
        )
    return cw.move(c, "decide", p.head)


def test_unit_and_responsible_person_get_a_decision_each(client, cw, frozen):
    c = _to_decision(
        cw,
        [
            {"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]},
            {
                "violation": "AQ-094-P1",
                "fines": [{"subject": "main_person", "person": "赵主要", "amount": 30000}],
            },
        ],
    )
    assert c.status == S.DECIDED
    rows = list(c.decisions.order_by("id"))
    assert [(d.kind, d.party_role, d.party_name, d.amount) for d in rows] == [
        ("penalty", "party", c.party_name, 20000),
        ("penalty", "person", "赵主要", 30000),
    ]
    assert all(d.decided_on == c.decided_on for d in rows)
    client.force_login(cw.personas.officer1)
    body = client.get(f"/api/v1/cases/{c.pk}/").json()
    assert [(d["party_name"], d["amount"]) for d in body["decisions"]] == [
        (c.party_name, 20000),
        ("赵主要", 30000),
    ]


def test_two_fines_on_the_unit_make_one_decision_with_their_sum(cw, frozen):
    """分别裁量、合并处罚: several violations of one party are decided in one decision."""
    c = _to_decision(
        cw,
        [
            {"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]},
            {"violation": "AQ-099-I3", "fines": [{"subject": "unit", "amount": 10000}]},
        ],
    )
    assert [(d.party_role, d.amount) for d in c.decisions.all()] == [("party", 30000)]
