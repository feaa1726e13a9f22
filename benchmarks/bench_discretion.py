"""Discretion benchmarks: lookup p50/p95 at 5,000 violations and calculator time.

Run as ``.venv/bin/python benchmarks/bench_discretion.py`` with DATABASE_URL set (PostgreSQL). Creates,
if absent, a separate published-as-reference benchmark version "BENCH-5000" holding 5,000 violations
(bulk inserts, not services) and loads the seed benchmark. Prints one figure per line:
  discretion_lookup violations=5000 p50_ms=.. p95_ms=..        (API: GET /api/v1/discretion/violations/?q=)
  discretion_lookup_page violations=5000 p50_ms=.. p95_ms=..   (htmx partial /discretion/search/?q=)
  discretion_calculator p50_ms=.. p95_ms=..                    (pure rules.recommend, in process)
  discretion_calculator_service p50_ms=.. p95_ms=..            (services.recommend: loading + rules)
Targets: lookup p95 < 50 ms, calculator < 5 ms.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SIMPLE_STATIC", "true")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

if "testserver" not in settings.ALLOWED_HOSTS:
    settings.ALLOWED_HOSTS.append("testserver")

from discretion import rules, seed_data  # noqa: E402
from discretion.models import BenchmarkVersion, StatutoryRange, Violation  # noqa: E402
from discretion.rules.numerals import build_search_text  # noqa: E402
from discretion.rules.types import RecommendationRequest  # noqa: E402
from discretion.services import load_catalog, load_seed_benchmark, recommend  # noqa: E402
from enforcement.core.models import User  # noqa: E402

N = 5000
BENCH_CODE = "BENCH-5000"
WORDS = [
    "特种作业",
    "安全培训",
    "隐患排查",
    "危险物品",
    "应急预案",
    "警示标志",
    "疏散通道",
    "动火作业",
    "有限空间",
    "粉尘涉爆",
]
LAWS = ["安全生产法", "危险化学品安全管理条例", "安全生产许可证条例", "生产安全事故应急条例", "消防法"]


def ensure_data() -> BenchmarkVersion:
    call_command("migrate", verbosity=0)
    load_seed_benchmark()
    version, created = BenchmarkVersion.objects.get_or_create(
        code=BENCH_CODE,
        defaults={
            "name": "性能测试基准",
            "issuing_authority": "性能测试",
            "jurisdiction": "city",
            "region": "测试市",
            "effective_from": dt.date(2020, 1, 1),
            "status": "reference",
            "note": "benchmarks/bench_discretion.py 生成",
        },
    )
    if version.status != "reference":
        version.status = "reference"  # never used by the calculator
        version.save(update_fields=["status"])
    if created or version.violations.count() < N:
        rng = random.Random(42)
        with transaction.atomic():
            version.violations.all().delete()
            rows = []
            for n in range(N):
                law = LAWS[n % len(LAWS)]
                article, item = 1 + n // 25, 1 + (n // 5) % 5  # unique (law, article, item)
                name = f"{rng.choice(WORDS)}{rng.choice(WORDS)}违法行为{n}"
                kw = " ".join(rng.sample(WORDS, 3))
                v = Violation(
                    version=version,
                    code=f"B-{n:05d}",
                    act_code=f"B-{n:05d}",
                    name=name,
                    law=law,
                    law_full_name=law,
                    article=article,
                    paragraph=None,
                    item=item,
                    violated_provision=f"《{law}》第{article}条",
                    keywords=kw,
                    verification="❓",
                    order=n,
                )
                v.search_text = build_search_text(
                    code=v.code,
                    name=name,
                    law=law,
                    article=article,
                    paragraph=v.paragraph,
                    item=item,
                    keywords=kw,
                    violated_provision=v.violated_provision,
                )
                rows.append(v)
            Violation.objects.bulk_create(rows, batch_size=1000)
            StatutoryRange.objects.bulk_create(
                [
                    StatutoryRange(
                        violation=v,
                        subject="unit",
                        stage="first",
                        max_amount=50000,
                        basis="处五万元以下的罚款",
                    )
                    for v in rows
                ],
                batch_size=1000,
            )
    return version


def pct(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - t0) * 1000)
        status = getattr(result, "status_code", 200)
        if status != 200:
            raise SystemExit(f"benchmark request failed with HTTP {status}")
    return out


def main() -> None:
    ensure_data()
    user, _ = User.objects.get_or_create(username="bench-officer", defaults={"real_name": "性能测试"})
    client = Client()
    client.force_login(user)
    queries = [
        "特种",
        "特种作业",
        "隐患排查 违法行为1",
        "第九十九条",
        "99条",
        "安全生产法 45",
        "粉尘涉爆有限空间",
        "违法行为4321",
        "动火",
        "应急预案 条例",
    ]
    for q in queries:  # warm up
        client.get("/api/v1/discretion/violations/", {"q": q, "version": BENCH_CODE})
    api = []
    page = []
    for _ in range(10):
        for q in queries:
            api += timed(
                lambda q=q: client.get("/api/v1/discretion/violations/", {"q": q, "version": BENCH_CODE}), 1
            )
            page += timed(lambda q=q: client.get("/discretion/search/", {"q": q, "version": BENCH_CODE}), 1)
    total = Violation.objects.filter(version__code=BENCH_CODE).count()
    p50, p95 = pct(api)
    print(f"discretion_lookup violations={total} p50_ms={p50:.1f} p95_ms={p95:.1f}")
    p50, p95 = pct(page)
    print(f"discretion_lookup_page violations={total} p50_ms={p50:.1f} p95_ms={p95:.1f}")

    req = RecommendationRequest(
        violation="AQ-097-I7",
        party_type="unit",
        stage="overdue",
        circumstances=("H-REPEAT", "ART32-LIGHTER"),
        facts={"uncertified_persons": 1},
        violation_date=dt.date(2025, 3, 1),
        decision_date=dt.date(2025, 6, 1),
    )
    catalog = load_catalog(req.violation, req.violation_date, req.decision_date)
    rules.recommend(req, catalog)
    p50, p95 = pct(timed(lambda: rules.recommend(req, catalog), 500))
    print(f"discretion_calculator p50_ms={p50:.3f} p95_ms={p95:.3f}")
    recommend(req)
    p50, p95 = pct(timed(lambda: recommend(req), 100))
    print(f"discretion_calculator_service p50_ms={p50:.1f} p95_ms={p95:.1f}")
    assert seed_data.NATIONAL_VERSION["code"] == "YJ-2024-90"


if __name__ == "__main__":
    main()
