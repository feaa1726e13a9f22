"""Benchmark: the 行政执法统计年报 figures (``supervision.services.report_figures``) over bulk cases, beside a
hand-written SQL aggregate of the same figures in the same run (target: ORM ≤ 2× the SQL).

``seed_demo --scale`` does not bulk-create cases yet, so the rows are bulk-inserted here on top of the seeded
demo (``BENCH_REPORT_CASES``, default 100 000 cases, spread over the agency tree, each filed in 2025; 80 %
decided with one or two decision rows, 60 % closed) inside a transaction that is rolled back at the end.

    .venv/bin/python benchmarks/bench_annual_report.py

The hand SQL covers the case figures (events and decisions: the volume); the ORM run also counts remedies,
transfers, inspections and officers, whose tables stay at demo size here.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases.models import Case, CaseDecision, CaseEvent  # noqa: E402
from enforcement.core.models import Agency, User  # noqa: E402
from supervision.rules import statistics as rules  # noqa: E402
from supervision.services.report_figures import cutoff_of, own_figures  # noqa: E402

N = int(os.environ.get("BENCH_REPORT_CASES", "100000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
YEAR, AS_OF = 2025, dt.date(2026, 1, 31)
MEASURES = [
    [],
    ["警告"],
    ["没收违法所得"],
    ["责令停产停业整顿"],
    ["暂扣安全生产许可证"],
    ["吊销安全生产许可证"],
]

SQL_EVENTS = """
SELECT c.deciding_agency_id,
       COUNT(DISTINCT e.case_id) FILTER (WHERE e.action = 'approve_filing'),
       COUNT(DISTINCT e.case_id) FILTER (WHERE e.action = 'close'),
       COUNT(DISTINCT e.case_id) FILTER (WHERE e.action = 'apply_court_enforcement')
FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id JOIN core_agency a ON a.id = c.deciding_agency_id
WHERE a.path LIKE %s AND e.action IN ('approve_filing', 'close', 'apply_court_enforcement') AND e.on_date BETWEEN %s AND %s AND e.at < %s
GROUP BY c.deciding_agency_id
"""
SQL_DECISIONS = """
WITH d AS (
  SELECT c.deciding_agency_id AS agency, d.kind, d.ended_on, COALESCE(d.original_amount, d.amount) AS yuan,
         CASE WHEN t LIKE '%%拘留%%' THEN 8 WHEN t LIKE '%%吊销%%' THEN 7
              WHEN t LIKE '%%停产停业%%' OR t LIKE '%%关闭%%' OR t LIKE '%%限制从业%%' THEN 6
              WHEN t LIKE '%%限制开展生产经营%%' OR t LIKE '%%限制生产经营%%' THEN 5
              WHEN t LIKE '%%暂扣%%' OR t LIKE '%%降低资质%%' THEN 4 WHEN t LIKE '%%没收%%' THEN 3
              WHEN d.amount > 0 OR t LIKE '%%罚款%%' THEN 2 WHEN t LIKE '%%警告%%' OR t LIKE '%%通报批评%%' THEN 1
              ELSE 0 END AS rank
  FROM cases_casedecision d CROSS JOIN LATERAL (SELECT d.measures::text AS t) m
  JOIN cases_case c ON c.id = d.case_id JOIN core_agency a ON a.id = c.deciding_agency_id
  WHERE a.path LIKE %s AND d.decided_on BETWEEN %s AND %s
    AND EXISTS (SELECT 1 FROM cases_caseevent k WHERE k.case_id = d.case_id
                AND k.action IN ('decide', 'decide_on_spot') AND k.at < %s)
)
SELECT agency, COUNT(*) FILTER (WHERE kind = 'penalty'), COUNT(*) FILTER (WHERE kind = 'no_penalty'),
       COALESCE(SUM(yuan) FILTER (WHERE kind = 'penalty'), 0),
       COUNT(*) FILTER (WHERE ended_on IS NOT NULL AND ended_on <= %s),
       ARRAY[COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 0), COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 1),
             COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 2), COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 3),
             COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 4), COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 5),
             COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 6), COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 7),
             COUNT(*) FILTER (WHERE kind = 'penalty' AND rank = 8)]
FROM d GROUP BY agency
"""


def bulk(root: Agency, creator: User) -> None:
    rnd = random.Random(2025)
    agencies = list(Agency.objects.subtree_of(root).values_list("pk", flat=True))
    start = dt.date(YEAR, 1, 1)
    tz = timezone.get_default_timezone()
    for offset in range(0, N, 10000):
        size = min(10000, N - offset)
        cases = Case.objects.bulk_create(
            Case(
                deciding_agency_id=rnd.choice(agencies),
                party_kind="enterprise",
                party_name=f"压测单位{offset + i}",
                source="inspection",
                cause="压测案由",
                violation_date=start,
                discovered_on=start,
                created_by=creator,
                status="closed",
            )
            for i in range(size)
        )
        events, decisions = [], []
        for c in cases:
            filed = start + dt.timedelta(days=rnd.randrange(300))
            at = dt.datetime.combine(filed, dt.time(10), tzinfo=tz)
            events.append(CaseEvent(case=c, action="approve_filing", on_date=filed, at=at))
            if rnd.random() < 0.8:
                decided = filed + dt.timedelta(days=30)
                events.append(
                    CaseEvent(case=c, action="decide", on_date=decided, at=at + dt.timedelta(days=30))
                )
                for _ in range(1 + (rnd.random() < 0.2)):
                    decisions.append(
                        CaseDecision(
                            case=c,
                            kind="penalty" if rnd.random() < 0.95 else "no_penalty",
                            party_role="party",
                            party_name="压测",
                            amount=rnd.randrange(0, 200000, 1000),
                            measures=rnd.choice(MEASURES),
                            decided_on=decided,
                        )
                    )
                if rnd.random() < 0.75:
                    closed = decided + dt.timedelta(days=20)
                    events.append(
                        CaseEvent(case=c, action="close", on_date=closed, at=at + dt.timedelta(days=50))
                    )
        CaseEvent.objects.bulk_create(events, batch_size=5000)
        # ``at`` is auto_now_add: set the recorded time explicitly afterwards in one statement per batch
        CaseDecision.objects.bulk_create(decisions, batch_size=5000)
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE cases_caseevent SET at = (on_date + time '10:00') AT TIME ZONE 'Asia/Shanghai'"
            " WHERE case_id IN (SELECT id FROM cases_case WHERE cause = '压测案由')"
        )
        cur.execute("ANALYZE")


def timed(fn):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def hand_sql(root: Agency) -> dict[str, dict[str, int]]:
    start, end = rules.year_bounds(YEAR)
    cutoff = cutoff_of(AS_OF)
    out: dict[str, dict[str, int]] = {}
    with connection.cursor() as cur:
        cur.execute(SQL_EVENTS, [root.path + "%", start, end, cutoff])
        for aid, filed, closed, court in cur.fetchall():
            out.setdefault(str(aid), {}).update(filed=filed, closed=closed, court_enforcement=court)
        cur.execute(SQL_DECISIONS, [root.path + "%", start, min(end, AS_OF), cutoff, AS_OF])
        for aid, penalties, no_penalty, fine, revoked, by_rank in cur.fetchall():
            row = out.setdefault(str(aid), {})
            row.update(penalties=penalties, no_penalty=no_penalty, fine_yuan=fine, revoked=revoked)
            row.update({f"type_{t.code}": by_rank[t.rank] for t in rules.PENALTY_TYPES})
    return out


def main() -> None:
    root = Agency.objects.filter(parent__isnull=True).order_by("path").first()
    creator = User.objects.filter(is_superuser=True).first() or User.objects.first()
    if root is None or creator is None:
        print("annual_report skipped=no_seeded_agencies")
        return
    with transaction.atomic():
        t0 = time.perf_counter()
        bulk(root, creator)
        load = time.perf_counter() - t0
        cases = Case.objects.count()
        orm_s, orm = timed(lambda: own_figures(root, YEAR, AS_OF))
        sql_s, sql = timed(lambda: hand_sql(root))
        for aid, figs in sql.items():
            for key, value in figs.items():
                assert orm[aid][key] == value, (aid, key, orm[aid][key], value)
        print(f"annual_report_load cases={cases} seconds={load:.1f}")
        print(
            f"annual_report cases={cases} orm_seconds={orm_s:.3f} hand_sql_seconds={sql_s:.3f} "
            f"ratio={orm_s / sql_s:.2f} target_ratio=2.0"
        )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
