"""双随机、一公开 draw algorithm (spec §3.3), pure and deterministic from the seed.

Anyone holding a draw record (seed, candidate snapshot, officer snapshot, parameters) can re-run it with
this module — or by hand with any SHA-256 tool — and get the same result:

1. **Enterprises.** The candidates (``enterprise id`` + stratum, e.g. the risk class) are grouped by
   stratum. A stratum of ``n`` candidates with ratio ``r`` % yields ``k = round_half_up(n × r / 100)``
   enterprises (or the fixed count the parameters give, at most ``n``). Within a stratum every candidate
   gets the rank ``SHA-256("<seed>|E|<enterprise id>")`` and the ``k`` smallest ranks are drawn: a uniform
   random ``k``-subset, so each candidate of the stratum is drawn with probability ``k / n``.
2. **Officers.** For each drawn enterprise, in draw order, the eligible officers (those who passed
   ``may_enforce`` for every item of the draw on the draw date, minus those recused for that enterprise)
   are ordered by (drawn so far in this draw, ``SHA-256("<seed>|O|<enterprise id>|<officer id>")``) — the
   least-loaded first, the hash breaking ties — and the first team in that order that is not the
   enterprise's previous team (its team in the last draw that selected it) is taken. Observed rule worth
   implementing (spec §3.3): "ensure officer pairs differ between draws".

Hashes of the snapshots are SHA-256 over a canonical text, so a changed pool is detected.
"""

from __future__ import annotations

import heapq
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from enforcement.core.rules import sampling

ALGORITHM = "sha256-rank-v1"
DEFAULT_STRATUM = "*"  # the ratio key that applies to strata without their own ratio
MAX_TEAM = 6


class DrawRefused(ValueError):
    """The draw cannot be made as asked (too few officers for an enterprise, bad parameters)."""

    def __init__(self, message: str, *, code: str = "draw_refused", enterprise: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.enterprise = enterprise


@dataclass(frozen=True)
class Candidate:
    enterprise: int
    stratum: str


@dataclass(frozen=True)
class Selection:
    enterprise: int
    stratum: str
    officers: tuple[int, ...]

    def as_json(self) -> dict[str, object]:
        return {"enterprise": self.enterprise, "stratum": self.stratum, "officers": list(self.officers)}


@dataclass(frozen=True)
class Quotas:
    """Per-stratum ratios (percent, ``DEFAULT_STRATUM`` for the rest) and fixed counts (win over ratios)."""

    ratios: Mapping[str, Decimal] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)

    def size(self, stratum: str, n: int) -> int:
        if stratum in self.counts:
            return max(0, min(n, int(self.counts[stratum])))
        ratio = self.ratios.get(stratum, self.ratios.get(DEFAULT_STRATUM, Decimal(0)))
        return stratum_size(n, ratio)


def parse_percent(value: object) -> Decimal:
    """A ratio in percent (0–100) from JSON/form input; ``DrawRefused`` for anything else."""
    try:
        ratio = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DrawRefused(f"抽查比例“{value}”不是数字", code="bad_ratio")
    if not ratio.is_finite() or ratio < 0 or ratio > 100:
        raise DrawRefused(f"抽查比例须在0至100之间（当前为{value}）", code="bad_ratio")
    return ratio


def stratum_size(n: int, ratio_percent: Decimal) -> int:
    """``round_half_up(n × ratio / 100)``: how many of ``n`` candidates a ratio draws."""
    if n <= 0 or ratio_percent <= 0:
        return 0
    k = (Decimal(n) * ratio_percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return min(n, int(k))


# the rank function is core's (``enforcement.core.rules.sampling``), shared with supervision's 案卷评查 draws
_rank = sampling.rank
_ranker = sampling.ranker


def select_enterprises(seed: str, candidates: Iterable[Candidate], quotas: Quotas) -> list[Candidate]:
    """The drawn candidates, strata in name order, each stratum in rank order."""
    by_stratum: dict[str, list[int]] = {}
    for c in candidates:
        by_stratum.setdefault(c.stratum, []).append(c.enterprise)
    drawn: list[Candidate] = []
    for stratum in sorted(by_stratum):
        ids = by_stratum[stratum]
        k = quotas.size(stratum, len(ids))
        if k == 0:
            continue
        rank = _ranker(seed, "E")
        ranked = heapq.nsmallest(k, [(rank(i), i) for i in ids])
        drawn.extend(Candidate(i, stratum) for _, i in ranked)
    return drawn


def assign_teams(
    seed: str,
    drawn: Sequence[Candidate],
    officers: Iterable[int],
    *,
    team_size: int = 2,
    previous: Mapping[int, Iterable[int]] | None = None,
    recused: Mapping[int, Iterable[int]] | None = None,
) -> list[Selection]:
    """A team of ``team_size`` eligible officers for each drawn enterprise (see the module docstring).

    Raises ``DrawRefused`` naming the enterprise when no team is possible: fewer eligible officers than the
    team size once the recused ones are left out, or only the previous team is left.
    """
    if not 2 <= team_size <= MAX_TEAM:
        raise DrawRefused(f"检查组人数须为2至{MAX_TEAM}人", code="bad_team_size")
    pool = sorted(set(officers))
    previous = previous or {}
    recused = recused or {}
    load = dict.fromkeys(pool, 0)
    result: list[Selection] = []
    for cand in drawn:
        barred = set(recused.get(cand.enterprise, ()))
        eligible = [o for o in pool if o not in barred]
        if len(eligible) < team_size:
            raise DrawRefused(
                f"可抽取的执法检查人员不足{team_size}名（已排除回避人员）",
                code="too_few_officers",
                enterprise=cand.enterprise,
            )
        rank = _ranker(seed, f"O|{cand.enterprise}")
        eligible.sort(key=lambda o: (load[o], rank(o)))
        last = frozenset(previous.get(cand.enterprise, ()))
        team = next((t for t in itertools.combinations(eligible, team_size) if frozenset(t) != last), None)
        if team is None:
            raise DrawRefused(
                "符合条件的执法检查人员只剩该企业上一次抽查的同一组人员，不能连续两次由同一组人员检查",
                code="same_team_again",
                enterprise=cand.enterprise,
            )
        for o in team:
            load[o] += 1
        result.append(Selection(cand.enterprise, cand.stratum, tuple(team)))
    return result


def run_draw(
    seed: str,
    candidates: Iterable[Candidate],
    quotas: Quotas,
    officers: Iterable[int],
    *,
    team_size: int = 2,
    previous: Mapping[int, Iterable[int]] | None = None,
    recused: Mapping[int, Iterable[int]] | None = None,
) -> list[Selection]:
    """Both draws in one: the enterprises, then a team for each."""
    if not seed:
        raise DrawRefused("随机种子不能为空", code="no_seed")
    drawn = select_enterprises(seed, candidates, quotas)
    return assign_teams(seed, drawn, officers, team_size=team_size, previous=previous, recused=recused)


# --- canonical snapshots and hashes ------------------------------------------------------------------


_sha = sampling.sha256_text


def canonical_candidates(candidates: Iterable[Candidate]) -> list[list[object]]:
    return [[c.enterprise, c.stratum] for c in sorted(candidates, key=lambda c: c.enterprise)]


def pool_hash(candidates: Iterable[Candidate]) -> str:
    """SHA-256 of ``"<id>:<stratum>"`` lines in id order (the 检查对象名录库 snapshot)."""
    return _sha(
        "\n".join(f"{c.enterprise}:{c.stratum}" for c in sorted(candidates, key=lambda c: c.enterprise))
    )


def _pairs(mapping: Mapping[int, Iterable[int]]) -> dict[str, list[int]]:
    return {str(k): sorted(set(v)) for k, v in sorted(mapping.items()) if list(v)}


def officer_snapshot(
    officers: Iterable[int], previous: Mapping[int, Iterable[int]], recused: Mapping[int, Iterable[int]]
) -> dict[str, object]:
    """The 执法检查人员名录库 side of the record: eligible officers, previous teams, recusals (JSON)."""
    return {"officers": sorted(set(officers)), "previous": _pairs(previous), "recused": _pairs(recused)}


def officer_hash(snapshot: Mapping[str, object]) -> str:
    return _sha(json.dumps(snapshot, sort_keys=True, separators=(",", ":")))


def result_hash(result: Iterable[Selection]) -> str:
    return _sha(json.dumps([s.as_json() for s in result], separators=(",", ":")))


def candidates_from_json(rows: Iterable[Sequence[object]]) -> list[Candidate]:
    return [Candidate(int(str(r[0])), str(r[1])) for r in rows]


def selections_from_json(rows: Iterable[Mapping[str, object]]) -> list[Selection]:
    out = []
    for r in rows:
        officers = r.get("officers") or []
        assert isinstance(officers, list)
        out.append(Selection(int(str(r["enterprise"])), str(r["stratum"]), tuple(int(o) for o in officers)))
    return out


def int_keyed(mapping: Mapping[str, Iterable[int]]) -> dict[int, list[int]]:
    return {int(k): [int(o) for o in v] for k, v in mapping.items()}


@dataclass(frozen=True)
class Verification:
    """Outcome of re-running a stored draw: which checks held, and the re-run result."""

    pool_hash_ok: bool
    officer_hash_ok: bool
    result_ok: bool
    rerun: tuple[Selection, ...]
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.pool_hash_ok and self.officer_hash_ok and self.result_ok


def verify(
    *,
    seed: str,
    candidates: Sequence[Candidate],
    officers: Mapping[str, object],
    quotas: Quotas,
    team_size: int,
    stored_pool_hash: str,
    stored_officer_hash: str,
    stored_result: Sequence[Selection],
) -> Verification:
    """Re-run the draw from its record and compare hashes and result."""
    people = officers.get("officers") or []
    previous = officers.get("previous") or {}
    recused = officers.get("recused") or {}
    assert isinstance(people, list) and isinstance(previous, dict) and isinstance(recused, dict)
    error = ""
    try:
        rerun = run_draw(
            seed,
            candidates,
            quotas,
            [int(o) for o in people],
            team_size=team_size,
            previous=int_keyed(previous),
            recused=int_keyed(recused),
        )
    except DrawRefused as exc:
        rerun, error = [], exc.message
    return Verification(
        pool_hash_ok=pool_hash(candidates) == stored_pool_hash,
        officer_hash_ok=officer_hash(officers) == stored_officer_hash,
        result_ok=not error and list(rerun) == list(stored_result),
        rerun=tuple(rerun),
        error=error,
    )


@dataclass(frozen=True)
class PoolDiff:
    """How the live 名录库 differs from the snapshot (ids added, removed, with a changed stratum)."""

    added: tuple[int, ...]
    removed: tuple[int, ...]
    changed: tuple[int, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


def pool_diff(snapshot: Iterable[Candidate], live: Iterable[Candidate]) -> PoolDiff:
    before = {c.enterprise: c.stratum for c in snapshot}
    now = {c.enterprise: c.stratum for c in live}
    return PoolDiff(
        added=tuple(sorted(set(now) - set(before))),
        removed=tuple(sorted(set(before) - set(now))),
        changed=tuple(sorted(i for i in set(now) & set(before) if now[i] != before[i])),
    )
