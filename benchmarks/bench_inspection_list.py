"""Benchmark: the inspection and hazard lists (API and page) and the plan dashboard (page, API, drill-down,
XLSX export) at two sizes in one run.

Queries per request must not grow with the number of inspections (≤ 10); ms per request (p50) is printed
beside. Rows are bulk-inserted for district A on top of the seeded demo inside a transaction that is rolled
back at the end (the seeded database is left as it was).

    .venv/bin/python benchmarks/bench_inspection_list.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
os.environ.setdefault("SIMPLE_STATIC", "true")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = (200, 2000)
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
URLS = {
    "inspection_list_api": "/api/v1/inspections/",
    "hazard_list_api": "/api/v1/hazards/",
    "inspections_page": "/inspections/",
}
MAX_QUERIES = 10


class Rollback(Exception):
    pass


def grow(scheme, officer, target: int) -> None:
    from inspections.models import Hazard, Inspection

    have = Inspection.objects.filter(agency_id=scheme.agency_id).count()
    now = timezone.now()
    rows = [
        Inspection(
            scheme=scheme,
            agency_id=scheme.agency_id,
            enterprise_id=scheme.enterprise_id,
            started_at=now,
            ended_at=now if n % 2 else None,
            status="completed" if n % 2 else "draft",
            signed_by="刘厂长" if n % 2 else "",
            place="车间",
            created_by=officer,
        )
        for n in range(max(0, target - have))
    ]
    made = Inspection.objects.bulk_create(rows, batch_size=1000)
    Hazard.objects.bulk_create(
        [
            Hazard(
                inspection=i,
                agency_id=i.agency_id,
                enterprise_id=i.enterprise_id,
                level="general",
                description="基准测试隐患",
                responsible=officer,
            )
            for i in made
        ],
        batch_size=1000,
    )


def measure(client: Client, url: str) -> tuple[int, float]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    return queries, statistics.median(times)


def main() -> int:
    from enforcement.core.models import User
    from inspections.models import Inspection, InspectionScheme

    officer = User.objects.filter(username="officer1").first()
    scheme = InspectionScheme.objects.filter(agency__code="320111").order_by("pk").first()
    if officer is None or scheme is None:
        print("inspection_list skipped=no_seeded_district_a", file=sys.stderr)
        return 1
    urls = dict(URLS)
    if scheme.plan_id:
        base = f"/inspections/plans/{scheme.plan_id}/dashboard/"
        urls.update(
            {
                "plan_dashboard_page": base,
                "plan_dashboard_api": f"/api/v1/inspection-plans/{scheme.plan_id}/dashboard/",
                "plan_drill_done": f"{base}done/",
                "plan_export_xlsx": f"{base}export/",
            }
        )
    client = Client()
    client.force_login(officer)
    failed = False
    try:
        with override_settings(ALLOWED_HOSTS=["*"]), transaction.atomic():
            seen: dict[str, set[int]] = {name: set() for name in urls}
            for size in SIZES:
                grow(scheme, officer, size)
                # the agency's inspections now: more than ``size`` over the bulk ones of seed_demo --scale
                have = Inspection.objects.filter(agency_id=scheme.agency_id).count()
                for name, url in urls.items():
                    queries, p50 = measure(client, url)
                    seen[name].add(queries)
                    print(f"{name} inspections={have} queries={queries} p50_ms={p50:.1f}")
            for name, counts in seen.items():
                constant = len(counts) == 1 and max(counts) <= MAX_QUERIES
                print(f"{name} queries_constant={'yes' if constant else 'no'} max_queries={max(counts)}")
                failed = failed or not constant
            raise Rollback
    except Rollback:
        pass
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
