"""The pure 双随机 algorithm (spec §3.3): reproducible from the seed, fair by class ratio (ERRATA: a 99.9 %
binomial interval over 1,000 fixed-seed draws), officer teams that respect recusals and never repeat an
enterprise's previous team, and a changed pool detected through its hash."""

from __future__ import annotations

import math
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspections.rules import draws as r

RATIOS = {"major": Decimal(50), "high": Decimal(25), "general": Decimal(10), "low": Decimal(5)}


def pool(sizes: dict[str, int]) -> list[r.Candidate]:
    out, next_id = [], 1
    for stratum, n in sizes.items():
        for _ in range(n):
            out.append(r.Candidate(next_id, stratum))
            next_id += 1
    return out


def binomial_interval(n: int, p: float, level: float = 0.999) -> tuple[int, int]:
    """Exact two-sided ``level`` interval of Binomial(n, p) (equal tails)."""
    tail = (1 - level) / 2
    pmf = [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]
    cdf, lo = 0.0, 0
    for k, q in enumerate(pmf):
        cdf += q
        if cdf >= tail:
            lo = k
            break
    cdf, hi = 0.0, n
    for k in range(n, -1, -1):
        cdf += pmf[k]
        if cdf >= tail:
            hi = k
            break
    return lo, hi


def test_stratum_size_rounds_half_up():
    assert [r.stratum_size(n, Decimal(10)) for n in (0, 4, 5, 14, 15, 25)] == [0, 0, 1, 1, 2, 3]
    assert r.stratum_size(7, Decimal(100)) == 7
    assert r.stratum_size(7, Decimal(0)) == 0


def test_same_seed_same_draw_other_seed_other_draw():
    cands = pool({"major": 20, "high": 40, "general": 100, "low": 200})
    quotas = r.Quotas(ratios=RATIOS)
    first = r.run_draw("abc123", cands, quotas, range(101, 111))
    again = r.run_draw("abc123", list(reversed(cands)), quotas, reversed(range(101, 111)))
    other = r.run_draw("abc124", cands, quotas, range(101, 111))
    assert first == again
    assert first != other
    by_stratum = Counter(s.stratum for s in first)
    assert by_stratum == {"major": 10, "high": 10, "general": 10, "low": 10}


def test_fixed_counts_win_over_ratios_and_default_ratio_applies():
    cands = pool({"major": 10, "low": 30, "weird": 10})
    quotas = r.Quotas(ratios={"*": Decimal(20), "low": Decimal(10)}, counts={"major": 4})
    drawn = r.select_enterprises("s", cands, quotas)
    assert Counter(c.stratum for c in drawn) == {"major": 4, "low": 3, "weird": 2}


def test_fairness_selection_rate_within_binomial_interval_of_class_ratio():
    """Over 1,000 seeded draws each enterprise's selection count lies in the exact 99.9 % interval."""
    sizes = {"major": 10, "high": 20, "general": 30, "low": 40}
    cands = pool(sizes)
    quotas = r.Quotas(ratios=RATIOS)
    runs = 1000
    counts: Counter[int] = Counter()
    for i in range(runs):
        for c in r.select_enterprises(f"fairness-{i}", cands, quotas):
            counts[c.enterprise] += 1
    for c in cands:
        p = r.stratum_size(sizes[c.stratum], RATIOS[c.stratum]) / sizes[c.stratum]
        lo, hi = binomial_interval(runs, p)
        assert lo <= counts[c.enterprise] <= hi, (c, counts[c.enterprise], (lo, hi))


def test_officer_workload_is_balanced():
    cands = pool({"general": 100})
    result = r.run_draw("load", cands, r.Quotas(ratios={"general": Decimal(40)}), range(1, 9))
    load = Counter(o for s in result for o in s.officers)
    assert sorted(load.values()) == [10] * 8


def test_recused_officer_never_drawn_for_that_enterprise():
    cands = pool({"general": 30})
    quotas = r.Quotas(ratios={"general": Decimal(100)})
    recused = {c.enterprise: [1, 2] for c in cands}
    for i in range(50):
        for s in r.run_draw(f"rec-{i}", cands, quotas, [1, 2, 3, 4], recused=recused):
            assert set(s.officers) == {3, 4}


def test_never_the_same_pair_twice_in_a_row():
    cands = pool({"general": 20})
    quotas = r.Quotas(ratios={"general": Decimal(100)})
    previous: dict[int, list[int]] = {}
    for i in range(30):
        result = r.run_draw(f"row-{i}", cands, quotas, [1, 2, 3], previous=previous)
        for s in result:
            assert frozenset(s.officers) != frozenset(previous.get(s.enterprise, ()))
        previous = {s.enterprise: list(s.officers) for s in result}


def test_refusals_name_the_enterprise():
    cands = pool({"general": 1})
    quotas = r.Quotas(ratios={"general": Decimal(100)})
    with pytest.raises(r.DrawRefused) as exc:
        r.run_draw("x", cands, quotas, [1, 2, 3], recused={1: [1, 2]})
    assert (exc.value.code, exc.value.enterprise) == ("too_few_officers", 1)
    with pytest.raises(r.DrawRefused) as exc:
        r.run_draw("x", cands, quotas, [1, 2], previous={1: [2, 1]})
    assert exc.value.code == "same_team_again"
    with pytest.raises(r.DrawRefused):
        r.run_draw("", cands, quotas, [1, 2])
    with pytest.raises(r.DrawRefused):
        r.parse_percent("101")


def test_verify_reproduces_and_detects_a_changed_pool():
    cands = pool({"high": 20, "low": 40})
    quotas = r.Quotas(ratios=RATIOS)
    previous = {1: [11, 12]}
    snap = r.officer_snapshot(range(11, 16), previous, {})
    result = r.run_draw("seed-v", cands, quotas, range(11, 16), previous=previous)
    kwargs: dict = {
        "seed": "seed-v",
        "officers": snap,
        "quotas": quotas,
        "team_size": 2,
        "stored_pool_hash": r.pool_hash(cands),
        "stored_officer_hash": r.officer_hash(snap),
        "stored_result": result,
    }
    assert r.verify(candidates=cands, **kwargs).ok
    changed = [*cands[1:], r.Candidate(999, "low")]
    outcome = r.verify(candidates=changed, **kwargs)
    assert (outcome.pool_hash_ok, outcome.officer_hash_ok) == (False, True)
    assert not outcome.ok
    tampered = r.verify(candidates=cands, **{**kwargs, "stored_result": list(reversed(result))})
    assert (tampered.pool_hash_ok, tampered.result_ok) == (True, False)
    diff = r.pool_diff(cands, changed)
    assert (diff.added, diff.removed, diff.changed) == ((999,), (1,), ())


@given(
    st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=60),
    st.integers(min_value=0, max_value=100),
    st.text(alphabet="0123456789abcdef", min_size=1, max_size=16),
)
def test_property_draw_size_and_membership(strata, ratio, seed):
    cands = [r.Candidate(i + 1, s) for i, s in enumerate(strata)]
    quotas = r.Quotas(ratios={"*": Decimal(ratio)})
    drawn = r.select_enterprises(seed, cands, quotas)
    sizes = Counter(strata)
    assert Counter(c.stratum for c in drawn) == +Counter(
        {s: r.stratum_size(n, Decimal(ratio)) for s, n in sizes.items()}
    )
    assert len({c.enterprise for c in drawn}) == len(drawn)
    assert set(drawn) <= set(cands)


def test_rank_is_the_documented_hash():
    import hashlib

    assert r._ranker("s33d", "E")(42) == hashlib.sha256(b"s33d|E|42").digest() == r._rank("s33d", "E", 42)
    assert r._ranker("s33d", "O|42")(7) == hashlib.sha256(b"s33d|O|42|7").digest()
