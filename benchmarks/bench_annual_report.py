"""Benchmark: the 行政执法统计年报 (``supervision.services.report_figures.compute_figures``: every figure of every
agency, own and rolled up the tree) over the ``seed_demo --scale`` data, beside a hand-written SQL aggregate
of the same figures in the same run. Targets (issue 12): ≤ 30 s at 10⁶ cases and 3·10⁶ inspections, ≤ 2× the
hand SQL. The two must agree figure by figure (a mismatch is printed and the script exits 1).

    # 10⁶ cases + 3·10⁶ inspections (≈ 25 min to write on 2 cores), then the benchmark
    .venv/bin/python manage.py seed_demo --scale 20
    BENCH_REPEAT=5 .venv/bin/python benchmarks/bench_annual_report.py

``make bench`` runs it over ``BENCH_SCALE`` (default 2: 10⁵ cases, 3·10⁵ inspections). ``BENCH_REPORT_YEAR``
(default 2025, as of its reporting deadline 31 January 2026) picks the report; ``BENCH_REPEAT`` (default 3)
the runs of each side, interleaved, of which the median is printed.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from cases.models import Case, CaseDecision, CaseEvent  # noqa: E402
from enforcement.core import roles  # noqa: E402
from enforcement.core.models import Agency  # noqa: E402
from inspections.models import Hazard, Inspection  # noqa: E402
from supervision.rules import statistics as rules  # noqa: E402
from supervision.services.report_figures import compute_figures, cutoff_of  # noqa: E402

YEAR = int(os.environ.get("BENCH_REPORT_YEAR", "2025"))
AS_OF = rules.default_as_of(YEAR)
REPEAT = max(1, int(os.environ.get("BENCH_REPEAT", "3")))
TARGET_SECONDS, TARGET_RATIO = 30.0, 2.0

# The figures in hand-written SQL: one grouped aggregate per table over the agencies of the tree (a
# statement each — one statement of them all is JIT-compiled with optimisation on PostgreSQL, seconds
# lost), then each agency's subtree summed. Written from spec §10 and the as-of rules of report_figures (an
# event counts when recorded before the end of as_of; a decision once its decide event is known).
TREE = "SELECT id, path FROM core_agency WHERE path LIKE %(tree)s"
STATEMENTS = {
    "ev": """
  SELECT c.deciding_agency_id AS agency,
         COUNT(DISTINCT e.case_id) FILTER (WHERE e.action = 'approve_filing') AS filed,
         COUNT(DISTINCT e.case_id) FILTER (WHERE e.action = 'close') AS closed,
         COUNT(DISTINCT e.case_id) FILTER (WHERE e.action = 'apply_court_enforcement') AS court_enforcement,
         COUNT(DISTINCT e.case_id) FILTER (WHERE e.action = 'transfer' AND e.data ->> 'to' = 'public_security')
           AS transferred_judicial
  FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id
  WHERE e.action IN ('approve_filing', 'close', 'apply_court_enforcement', 'transfer')
    AND e.on_date BETWEEN %(start)s AND %(end)s AND e.at < %(cutoff)s
    AND c.deciding_agency_id IN (SELECT id FROM core_agency WHERE path LIKE %(tree)s)
  GROUP BY 1
""",
    # grouped by agency, kind and heaviest type first, so the type's CASE runs once per decision
    "decs": """
  SELECT agency, SUM(n) FILTER (WHERE kind = 'penalty') AS penalties,
         SUM(n) FILTER (WHERE kind = 'no_penalty') AS no_penalty,
         SUM(yuan) FILTER (WHERE kind = 'penalty') AS fine_yuan, SUM(revoked) AS revoked,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 0) AS type_other,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 1) AS type_warning,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 2) AS type_fine,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 3) AS type_confiscation,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 4) AS type_licence_suspension,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 5) AS type_restriction,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 6) AS type_production_stop,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 7) AS type_revocation,
         SUM(n) FILTER (WHERE kind = 'penalty' AND rank = 8) AS type_detention
  FROM (
    SELECT c.deciding_agency_id AS agency, d.kind,
           CASE WHEN t LIKE '%%拘留%%' THEN 8 WHEN t LIKE '%%吊销%%' THEN 7
                WHEN t LIKE '%%停产停业%%' OR t LIKE '%%关闭%%' OR t LIKE '%%限制从业%%' THEN 6
                WHEN t LIKE '%%限制开展生产经营%%' OR t LIKE '%%限制生产经营%%' THEN 5
                WHEN t LIKE '%%暂扣%%' OR t LIKE '%%降低资质%%' THEN 4 WHEN t LIKE '%%没收%%' THEN 3
                WHEN d.amount > 0 OR t LIKE '%%罚款%%' THEN 2 WHEN t LIKE '%%警告%%' OR t LIKE '%%通报批评%%' THEN 1
                ELSE 0 END AS rank,
           COUNT(*) AS n, SUM(COALESCE(d.original_amount, d.amount)) AS yuan,
           COUNT(*) FILTER (WHERE d.ended_on <= %(as_of)s) AS revoked
    FROM cases_casedecision d CROSS JOIN LATERAL (SELECT d.measures::text AS t) m
    JOIN cases_case c ON c.id = d.case_id
    WHERE d.decided_on BETWEEN %(start)s AND %(decided_to)s
      AND c.deciding_agency_id IN (SELECT id FROM core_agency WHERE path LIKE %(tree)s)
      AND EXISTS (SELECT 1 FROM cases_caseevent k WHERE k.case_id = d.case_id
                  AND k.action IN ('decide', 'decide_on_spot') AND k.at < %(cutoff)s)
    GROUP BY 1, 2, 3
  ) dec
  GROUP BY 1
""",
    "rem": """
  SELECT c.deciding_agency_id AS agency,
         COUNT(*) FILTER (WHERE r.kind = 'reconsideration') AS reconsidered,
         COUNT(*) FILTER (WHERE r.kind = 'reconsideration' AND x.corrected) AS reconsideration_corrected,
         COUNT(*) FILTER (WHERE r.kind = 'litigation') AS litigated,
         COUNT(*) FILTER (WHERE r.kind = 'litigation' AND x.corrected) AS litigation_lost
  FROM cases_caseremedy r JOIN cases_casedecision d ON d.id = r.decision_id JOIN cases_case c ON c.id = d.case_id
  CROSS JOIN LATERAL (
    SELECT r.outcome IN ('varied', 'revoked', 'revoked_redo', 'illegal', 'void') AND r.outcome_on <= %(as_of)s
           AND EXISTS (SELECT 1 FROM cases_caseevent k WHERE k.case_id = d.case_id
                       AND k.action = 'record_remedy_outcome' AND k.at < %(cutoff)s) AS corrected
  ) x
  WHERE r.received_on BETWEEN %(start)s AND %(end)s AND r.recorded_at < %(cutoff)s
    AND c.deciding_agency_id IN (SELECT id FROM core_agency WHERE path LIKE %(tree)s)
  GROUP BY 1
""",
    "sz": """
  SELECT c.deciding_agency_id AS agency, COUNT(*) FILTER (WHERE s.measure = 'seal') AS coercive_seal,
         COUNT(*) FILTER (WHERE s.measure = 'seize') AS coercive_seize
  FROM cases_seizure s JOIN cases_case c ON c.id = s.case_id
  WHERE s.approved_on BETWEEN %(start)s AND %(end)s AND s.approved_by_id IS NOT NULL AND s.status <> 'refused'
    AND c.deciding_agency_id IN (SELECT id FROM core_agency WHERE path LIKE %(tree)s)
    AND EXISTS (SELECT 1 FROM cases_caseevent k WHERE k.case_id = s.case_id AND k.action = 'approve_seizure'
                AND k.on_date = s.approved_on AND k.at < %(cutoff)s)
  GROUP BY 1
""",
    "ins": """
  SELECT agency_id AS agency, COUNT(*) AS inspections FROM inspections_inspection
  WHERE status = 'completed' AND ended_at >= %(year_from)s AND ended_at < %(ended_to)s
    AND agency_id IN (SELECT id FROM core_agency WHERE path LIKE %(tree)s)
  GROUP BY 1
""",
    "off": """
  SELECT u.agency_id AS agency, COUNT(DISTINCT u.id) AS officers,
         COUNT(DISTINCT u.id) FILTER (WHERE EXISTS (
           SELECT 1 FROM training_certificate t WHERE t.holder_id = u.id AND t.status = 'issued'
           AND t.issued_on <= %(on)s AND t.expires_on >= %(on)s)) AS certified
  FROM core_user u JOIN core_user_groups ug ON ug.user_id = u.id JOIN auth_group g ON g.id = ug.group_id
  WHERE g.name = %(officer)s AND u.is_active AND u.agency_id IN (SELECT id FROM core_agency WHERE path LIKE %(tree)s)
  GROUP BY 1
""",
}
KEYS = rules.ADDITIVE_KEYS


def hand_sql(root: Agency) -> dict[str, dict[str, dict[str, int]]]:
    """{agency id: {"own": figures, "total": figures}} from the statements above."""
    start, end = rules.year_bounds(YEAR)
    params: dict[str, Any] = {
        "tree": root.path + "%",
        "start": start,
        "end": end,
        "decided_to": min(end, AS_OF),
        "as_of": AS_OF,
        "cutoff": cutoff_of(AS_OF),
        "year_from": cutoff_of(start - dt.timedelta(days=1)),
        "ended_to": min(cutoff_of(AS_OF), cutoff_of(end)),
        "on": min(AS_OF, end),
        "officer": roles.OFFICER,
    }
    with connection.cursor() as cur:
        cur.execute(TREE, params)
        paths = {str(aid): path for aid, path in cur.fetchall()}
        own = {aid: dict.fromkeys(KEYS, 0) for aid in paths}
        for sql in STATEMENTS.values():
            cur.execute(sql, params)
            names = [c.name for c in cur.description][1:]
            for aid, *values in cur.fetchall():
                own[str(aid)].update(zip(names, (int(v or 0) for v in values), strict=True))
    total = {
        aid: {k: sum(own[d][k] for d, p in paths.items() if p.startswith(path)) for k in KEYS}
        for aid, path in paths.items()
    }
    return {aid: {"own": own[aid], "total": total[aid]} for aid in paths}


def disagreements(orm: dict[str, Any], sql: dict[str, dict[str, dict[str, int]]]) -> list[str]:
    out = []
    rows = {str(r["id"]): r for r in orm["agencies"]}
    if set(rows) != set(sql):
        out.append(f"agencies differ: orm {sorted(rows)} sql {sorted(sql)}")
    for aid in sorted(set(rows) & set(sql)):
        for part in ("own", "total"):
            for k in KEYS:
                if int(rows[aid][part][k]) != int(sql[aid][part][k]):
                    out.append(f"agency {aid} {part} {k}: orm {rows[aid][part][k]} sql {sql[aid][part][k]}")
    return out


def main() -> int:
    root = Agency.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None:
        print("annual_report skipped=no_seeded_agencies")
        return 0
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    counts = {
        "cases": Case.objects.count(),
        "events": CaseEvent.objects.count(),
        "decisions": CaseDecision.objects.count(),
        "inspections": Inspection.objects.count(),
        "hazards": Hazard.objects.count(),
        "agencies": Agency.objects.subtree_of(root).count(),
    }
    print("counted " + " ".join(f"{k}={v}" for k, v in counts.items()), file=sys.stderr)
    with transaction.atomic():  # one snapshot for both sides, even while something writes
        with connection.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        return measure(root, counts)


def measure(root: Agency, counts: dict[str, int]) -> int:
    orm_times, sql_times = [], []
    orm: Any = None
    sql: Any = None
    for n in range(REPEAT):  # interleaved, so load on the shared machine falls on both sides alike
        t0 = time.perf_counter()
        orm = compute_figures(root, YEAR, AS_OF)
        orm_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        sql = hand_sql(root)
        sql_times.append(time.perf_counter() - t0)
        print(f"run {n + 1}: orm {orm_times[-1]:.2f} s, sql {sql_times[-1]:.2f} s", file=sys.stderr)
    bad = disagreements(orm, sql)
    for line in bad:
        print(f"!!! MISMATCH {line}", file=sys.stderr)
    orm_s, sql_s = statistics.median(orm_times), statistics.median(sql_times)
    ratio = orm_s / sql_s if sql_s else float("inf")
    headline = orm["agencies"][0]["total"]
    print(
        "annual_report "
        + " ".join(f"{k}={v}" for k, v in counts.items())
        + f" year={YEAR} as_of={AS_OF} repeat={REPEAT}"
        f" filed={headline['filed']} penalties={headline['penalties']} inspections_counted={headline['inspections']}"
        f" orm_s={orm_s:.2f} sql_s={sql_s:.2f} ratio={ratio:.2f}"
        f" target_s={TARGET_SECONDS:.0f} time_ok={'yes' if orm_s <= TARGET_SECONDS else 'no'}"
        f" target_ratio={TARGET_RATIO:.0f} ratio_ok={'yes' if ratio <= TARGET_RATIO else 'no'}"
        f" agree={'no' if bad else 'yes'} load_1m={os.getloadavg()[0]:.1f} cpus={os.cpu_count()}"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
