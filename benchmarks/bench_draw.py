"""Benchmark: a 双随机 draw over a 100k-enterprise pool (target < 2 s for the draw itself).

Enterprises are bulk-inserted for district A on top of the seeded demo inside a transaction that is rolled
back at the end (the seeded database is left as it was). Printed: the whole ``run_draw`` service (pool query,
officer checks, the algorithm, snapshot, selections, deadline and audit event), the pure algorithm alone, and
``check_draw`` (re-run from the record plus the live pool comparison). ``python_cpu_seconds`` is this
process's CPU time for the draw (the database server's own time excluded): on a busy shared machine wall
time can be several times the CPU time.

    .venv/bin/python benchmarks/bench_draw.py
"""

from __future__ import annotations

import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

POOL = int(os.environ.get("BENCH_DRAW_POOL", "100000"))
CLASSES = ("major", "high", "general", "low")


class Rollback(Exception):
    pass


def main() -> None:
    from enforcement.core.models import Agency, EnforcementItem, Enterprise, User
    from inspections.rules import draws as rules
    from inspections.services import draw_checks, draws

    agency = Agency.objects.get(code="320111")
    item = EnforcementItem.objects.get(code="YJ-JC-001")
    officer = User.objects.get(username="officer1")
    try:
        with transaction.atomic():
            have = Enterprise.objects.filter(agency=agency, is_active=True, is_key=False).count()
            need = max(0, POOL - have)
            print(f"bench_draw: inserting {need} enterprises …", file=sys.stderr)
            Enterprise.objects.bulk_create(
                (
                    Enterprise(
                        name=f"基准测试企业{i}",
                        credit_code=f"91320111B{i:09d}",
                        agency=agency,
                        risk_class=CLASSES[i % 4],
                        is_key=False,
                    )
                    for i in range(need)
                ),
                batch_size=5000,
            )
            today = timezone.localdate()
            spec = draws.DrawSpec(
                title="基准测试抽查",
                year=today.year,
                period_start=today,
                period_end=today,
                items=(item.code,),
                ratios={"major": Decimal(20), "high": Decimal(10), "general": Decimal(5), "low": Decimal(2)},
                exclude_inspected_since=today.replace(month=1, day=1),
            )
            draw = draws.create_draw(spec, actor=officer)
            started, cpu = time.perf_counter(), time.process_time()
            draw = draws.run_draw(draw, actor=officer, seed="bench")
            run_s, run_cpu = time.perf_counter() - started, time.process_time() - cpu

            snapshot = rules.candidates_from_json(draw.snapshot.candidates)
            started = time.perf_counter()
            selected = rules.select_enterprises("bench", snapshot, draws.quotas_of(draw.parameters))
            pure_s = time.perf_counter() - started

            started = time.perf_counter()
            check = draw_checks.check_draw(draw)
            verify_s = time.perf_counter() - started
            if not check.ok or len(selected) != len(draw.result):
                raise SystemExit("bench_draw: the draw did not verify")
            print(
                f"draw_run pool={draw.pool_size} selected={len(draw.result)} seconds={run_s:.2f} "
                f"python_cpu_seconds={run_cpu:.2f} target_seconds=2 within_target={'yes' if run_s < 2 else 'no'}"
            )
            print(f"draw_select_pure pool={len(snapshot)} seconds={pure_s:.2f}")
            print(f"draw_verify pool={draw.pool_size} seconds={verify_s:.2f}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
