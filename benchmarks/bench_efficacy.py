"""Benchmark: the half-yearly 执法效能评估 over the seeded database (seed_demo, with --scale bulk rows).

Times, for the city bureau's subtree and the running half-year (an interim draft): the figures alone (``compute``,
one grouped query per figure), a full build (figures, lagging, ranking, three earlier half-years for the
trend, rows and audit event) and the PDF (WeasyPrint with the pygal SVG charts). Everything runs in a
transaction that is rolled back. Prints:

    efficacy_compute agencies=N cases=N inspections=N queries=N ms_p50=.. ms_max=..
    efficacy_build agencies=N queries=N ms_p50=.. ms_max=..
    efficacy_pdf agencies=N bytes=N ms=..

Run: DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_efficacy.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")  # a local run; DEBUG only relaxes hosts/cookies here

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases.models import Case  # noqa: E402
from enforcement.core.models import Agency, User  # noqa: E402
from inspections.models import Inspection  # noqa: E402
from supervision.rules.efficacy import period_of  # noqa: E402
from supervision.services.efficacy import build_evaluation  # noqa: E402
from supervision.services.efficacy_figures import compute  # noqa: E402
from supervision.services.efficacy_output import render_evaluation_pdf  # noqa: E402

RUNS = 3


class Rollback(Exception):
    pass


def timed(fn, runs: int = RUNS) -> tuple[list[float], int]:
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        queries = len(q)
    return times, queries


def main() -> None:
    supervisor = User.objects.filter(username="supervisor").select_related("agency").first()
    root = (
        supervisor.agency if supervisor and supervisor.agency else Agency.objects.filter(parent=None).first()
    )
    if root is None:
        print("efficacy: no agencies — run seed_demo first", file=sys.stderr)
        sys.exit(1)
    period = period_of(timezone.localdate())  # the running half-year: an interim draft, never published
    n_agencies = Agency.objects.subtree_of(root).count()
    cases = Case.objects.filter(deciding_agency__path__startswith=root.path).count()
    inspections = Inspection.objects.filter(agency__path__startswith=root.path).count()
    today = timezone.localdate()
    times, queries = timed(lambda: compute(root, period, today))
    print(
        f"efficacy_compute agencies={n_agencies} cases={cases} inspections={inspections} queries={queries} "
        f"ms_p50={statistics.median(times):.1f} ms_max={max(times):.1f}"
    )
    try:
        with transaction.atomic():
            built = []
            times, queries = timed(lambda: built.append(build_evaluation(agency=root, period=period)))
            print(
                f"efficacy_build agencies={n_agencies} queries={queries} "
                f"ms_p50={statistics.median(times):.1f} ms_max={max(times):.1f}"
            )
            t = time.perf_counter()
            pdf = render_evaluation_pdf(built[-1])
            print(
                f"efficacy_pdf agencies={n_agencies} bytes={len(pdf)} ms={(time.perf_counter() - t) * 1000:.0f}"
            )
            raise Rollback
    except Rollback:
        pass
    except Exception as exc:  # a published evaluation of that half already exists, etc.
        print(f"efficacy_build failed: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
