"""Benchmark: the compliance dashboard (/training/) at 1k and 10k officers.

Creates (bulk) an agency tree of ~100 agencies and synthetic officers with certificates, reviews,
training and qualifications if they are not there yet, then times the dashboard request for a
superuser over the whole tree with Django's test client. Prints one line per size:

    training_dashboard officers=10000 queries=N ms_p50=.. ms_p95=..

Run: DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_training_dashboard.py [--sizes 1000,10000]
"""

from __future__ import annotations

import argparse
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

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from enforcement.core.models import Agency, AgencyLevel, User  # noqa: E402
from training.demo import BULK_PREFIX, bulk_officers  # noqa: E402
from training.models import Officer  # noqa: E402

ROOT_CODE = "990000"


def ensure_tree() -> Agency:
    """1 province › 12 cities › 8 districts each (≈ 109 agencies), created once."""
    root = Agency.objects.filter(code=ROOT_CODE).first()
    if root is not None:
        return root
    root = Agency.objects.create(
        code=ROOT_CODE, name="基准测试省应急管理厅", short_name="基", level=AgencyLevel.PROVINCE
    )
    for c in range(12):
        city = Agency.objects.create(
            code=f"99{c + 1:02d}00",
            name=f"基准市{c}应急管理局",
            short_name=f"基{c}",
            level=AgencyLevel.CITY,
            parent=root,
        )
        for d in range(8):
            Agency.objects.create(
                code=f"99{c + 1:02d}{d + 1:02d}",
                name=f"基准市{c}区{d}应急管理局",
                short_name=f"基{c}{d}",
                level=AgencyLevel.DISTRICT,
                parent=city,
            )
    return root


def measure(client: Client, url: str, runs: int) -> tuple[int, float, float]:
    for _ in range(3):
        assert client.get(url).status_code == 200
    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    # an execute wrapper survives the connection being closed at the end of the request
    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    return len(executed), statistics.median(timings), p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    root = ensure_tree()
    admin, _ = User.objects.get_or_create(
        username="bench_admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(admin)
    url = f"/training/?agency={root.pk}"
    for size in (int(s) for s in args.sizes.split(",")):
        existing = User.objects.filter(username__startswith=BULK_PREFIX).count()
        if existing > size:
            print(
                f"training_dashboard officers={size} skipped (database already holds {existing})", flush=True
            )
            continue
        bulk_officers(size)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        staff = Officer.objects.enforcement_staff().filter(agency__path__startswith=root.path).count()
        queries, p50, p95 = measure(client, url, args.runs)
        print(
            f"training_dashboard officers={staff} queries={queries} ms_p50={p50:.1f} ms_p95={p95:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
