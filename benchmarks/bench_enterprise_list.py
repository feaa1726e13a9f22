"""Benchmark: the enterprise list (API and page) against a hand-written baseline view.

Run against a seeded database (``seed_demo --scale 2`` → ≥100k enterprises), from the project root:

    .venv/bin/python benchmarks/bench_enterprise_list.py

Prints one figure per line. For each persona (officer1: own agency; supervisor: the city subtree) and
page size (20 and 100) it reports queries per request (must not grow with the page size) and ms per
request (p50/p95 over REPEAT requests, in-process through the whole middleware stack with Django's
test Client), beside a baseline measured in the same run: a hand-written Django view, mounted on the
same middleware, that runs the exact SQL the API ran for that page and returns the same rows as JSON.
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
# Plain static storage: the page's {% static %} tags need no collectstatic manifest for a benchmark.
os.environ.setdefault("SIMPLE_STATIC", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import path  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))
WARMUP = 5
PAGE_SIZES = (20, 100)
PERSONAS = ("officer1", "supervisor")

_BASELINE_SQL: dict[str, str] = {}


def baseline_view(request: HttpRequest) -> JsonResponse:
    """Hand-written: run the given SQL, build the API's row dicts by hand, return JSON."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "请先登录"}, status=401)
    sql = _BASELINE_SQL[request.GET["key"]]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        columns = [c[0] for c in cursor.description]
        raw = cursor.fetchall()
    from enforcement.core.models.enterprise import RiskClass, Sector

    sectors, risks = dict(Sector.choices), dict(RiskClass.choices)
    first: dict[str, int] = {}
    for i, column in enumerate(columns):
        first.setdefault(column, i)  # the enterprise's columns come first, then the joined agency's
    agency_name = [i for i, column in enumerate(columns) if column == "name"][1]
    plain = [
        "id",
        "name",
        "credit_code",
        "sector",
        "scale",
        "address",
        "region_code",
        "risk_class",
        "is_key",
        "standardization_level",
        "credit_status",
        "legal_representative",
        "main_person",
        "contact_name",
        "contact_phone",
        "employees",
        "is_active",
        "updated_at",
    ]
    rows = []
    for values in raw:
        row = {key: values[first[key]] for key in plain}
        row["agency"] = values[first["agency_id"]]
        row["agency_name"] = values[agency_name]
        row["sector_label"] = sectors.get(row["sector"])
        row["risk_class_label"] = risks.get(row["risk_class"])
        rows.append(row)
    # like the API, the SQL reads one row more than the page to know whether a next page exists
    size = int(request.GET["size"])
    return JsonResponse({"results": rows[:size], "has_next": len(rows) > size})


class BenchUrls:
    """URLconf: the project's URLs plus the baseline view."""

    from enforcement.urls import urlpatterns as _project

    urlpatterns = [path("bench/baseline/enterprises/", baseline_view), *_project]


def get_ok(client: Client, url: str) -> object:
    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        get_ok(client, url)
    return len(ctx.captured_queries)


def measure_interleaved(client: Client, urls: list[str]) -> list[list[float]]:
    """Time each URL REPEAT times, round-robin, so background load on a shared machine hits all alike."""
    for _ in range(WARMUP):
        for url in urls:
            get_ok(client, url)
    times: list[list[float]] = [[] for _ in urls]
    for _ in range(REPEAT):
        for i, url in enumerate(urls):
            start = time.perf_counter()
            client.get(url, secure=True)
            times[i].append((time.perf_counter() - start) * 1000)
    return times


def p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def fmt(times: list[float]) -> str:
    return f"ms_p50={statistics.median(times):.2f} ms_p95={p(times, 0.95):.2f}"


def list_sql(client: Client, url: str) -> str:
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, secure=True)
    candidates = [q["sql"] for q in ctx.captured_queries if 'FROM "core_enterprise"' in q["sql"]]
    assert len(candidates) == 1, candidates
    return candidates[0]


def main() -> None:
    from enforcement.core.models import Enterprise, User

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    print(f"# db={connection.vendor} debug={settings.DEBUG} repeat={REPEAT}")
    print(f"enterprises_total={Enterprise.objects.count()}")
    worst_api = worst_page = 0.0
    max_queries = 0
    with override_settings(ROOT_URLCONF=BenchUrls):
        for username in PERSONAS:
            user = User.objects.get(username=username)
            client = Client()
            client.force_login(user)
            print(f"enterprises_visible[{username}]={Enterprise.objects.visible_to(user).count()}")
            for size in PAGE_SIZES:
                api_url = f"/api/v1/enterprises/?page_size={size}"
                key = f"{username}-{size}"
                _BASELINE_SQL[key] = list_sql(client, api_url)
                page_url = f"/enterprises/?page_size={size}"
                base_url = f"/bench/baseline/enterprises/?key={key}&size={size}"
                q_api, q_page, q_base = (count_queries(client, u) for u in (api_url, page_url, base_url))
                t_api, t_page, t_base = measure_interleaved(client, [api_url, page_url, base_url])
                r_api, r_base = get_ok(client, api_url), get_ok(client, base_url)
                api_ids = [row["id"] for row in r_api.json()["results"]]  # type: ignore[attr-defined]
                base_ids = [row["id"] for row in r_base.json()["results"]]  # type: ignore[attr-defined]
                assert api_ids == base_ids and len(api_ids) == size, "baseline must return the same rows"
                tag = f"[{username},page_size={size}]"
                print(f"enterprise_list_api{tag} queries={q_api} {fmt(t_api)}")
                print(f"enterprise_list_page{tag} queries={q_page} {fmt(t_page)}")
                print(f"enterprise_list_baseline{tag} queries={q_base} {fmt(t_base)}")
                ratio_api = statistics.median(t_api) / statistics.median(t_base)
                ratio_page = statistics.median(t_page) / statistics.median(t_base)
                print(f"ratio_api_vs_baseline{tag}={ratio_api:.2f}")
                print(f"ratio_page_vs_baseline{tag}={ratio_page:.2f}")
                worst_api, worst_page = max(worst_api, ratio_api), max(worst_page, ratio_page)
                max_queries = max(max_queries, q_api, q_page)
            # a deep page: keyset pagination costs the same far from the start
            client.get("/api/v1/enterprises/?page_size=20", secure=True)
            last_id = Enterprise.objects.visible_to(user).order_by("id").values_list("id", flat=True)[100]
            deep_url = f"/enterprises/?page_size=20&after={last_id}"
            q_deep, (t_deep,) = count_queries(client, deep_url), measure_interleaved(client, [deep_url])
            print(f"enterprise_list_page_deep[{username},page_size=20] queries={q_deep} {fmt(t_deep)}")
            filtered_url = "/api/v1/enterprises/?page_size=20&sector=hazchem&risk_class=high&q=化工"
            q_f, (t_f,) = count_queries(client, filtered_url), measure_interleaved(client, [filtered_url])
            print(f"enterprise_list_api_filtered[{username},page_size=20] queries={q_f} {fmt(t_f)}")
            # name search alone (a selective four-character term): the pg_trgm index on PostgreSQL
            search_url = "/api/v1/enterprises/?page_size=20&q=瑞丰石化"
            q_s, (t_s,) = count_queries(client, search_url), measure_interleaved(client, [search_url])
            print(f"enterprise_list_api_name_search[{username},page_size=20] queries={q_s} {fmt(t_s)}")
    print(f"max_queries_per_request={max_queries}")
    print(f"worst_ratio_api_vs_baseline={worst_api:.2f}")
    print(f"worst_ratio_page_vs_baseline={worst_page:.2f}")


if __name__ == "__main__":
    main()
