"""Fact lookup benchmarks: accuracy on the evaluation set, latency at 5,000 violations, as-you-type on SQLite.

Prints one figure per line:
  fact_lookup_eval split=all|tune|heldout|decisions n=.. recall_at_1=.. recall_at_5=.. mrr=..
      (benchmarks/data/lookup_eval.tsv over the seed catalogue; "heldout" rows were never used for tuning;
      "decisions": the fact summaries of the published decisions in calibration_decisions.tsv, untuned)
  fact_lookup violations=.. p50_ms=.. p95_ms=..          (API ?q=<facts>&version=all, PostgreSQL, target p95 < 50)
  fact_lookup_keystroke_sqlite violations=.. p50_ms=.. p95_ms=..
      (htmx partial for every prefix of typed fact texts, SQLite file database, target < 100 ms)
The SQLite figure runs this script again in a child process with ``--sqlite`` on a temporary database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SIMPLE_STATIC", "true")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

if "testserver" not in settings.ALLOWED_HOSTS:
    settings.ALLOWED_HOSTS.append("testserver")

from discretion.models import Violation  # noqa: E402
from discretion.search.evaluation import read_cases, score  # noqa: E402
from discretion.services import load_seed_benchmark, lookup_violations  # noqa: E402
from discretion.services.calibration import decision_cases, read_decisions  # noqa: E402
from enforcement.core.models import User  # noqa: E402

EVAL = HERE / "data" / "lookup_eval.tsv"
DECISIONS = HERE / "data" / "calibration_decisions.tsv"
TYPED = ["安全出口被杂物堵死", "气割工没有操作证", "隐患一直没整改", "饭店厨房没装燃气报警器"]


def _user() -> User:
    user, _ = User.objects.get_or_create(username="bench-officer", defaults={"real_name": "性能测试"})
    return user


def evaluation() -> None:
    user = _user()
    cases = read_cases(EVAL)
    decisions = decision_cases(read_decisions(DECISIONS))
    for split in ("all", "tune", "heldout", "decisions"):
        part = decisions if split == "decisions" else [c for c in cases if split == "all" or c.split == split]
        s = score(part, lambda q: [h.violation.code for h in lookup_violations(user, q).hits])
        print(
            f"fact_lookup_eval split={split} n={s.n} recall_at_1={s.recall_at_1:.3f} "
            f"recall_at_5={s.recall_at_5:.3f} mrr={s.mrr:.3f}"
        )
        for miss in s.misses:
            print(f"  miss ({split}): {miss}", file=sys.stderr)


def latency(url: str, params: list[dict[str, str]], label: str, rounds: int) -> None:
    from bench_discretion import pct

    client = Client()
    client.force_login(_user())
    for p in params:  # warm up (builds this process's index)
        client.get(url, p)
    wall: list[float] = []
    cpu: list[
        float
    ] = []  # this process's CPU time per request: what load on a shared machine does not inflate
    for _ in range(rounds):
        for p in params:
            w0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url, p)
            wall.append((time.perf_counter() - w0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"benchmark request failed with HTTP {response.status_code}")
    p50, p95 = pct(wall)
    _, cpu95 = pct(cpu)
    load = os.getloadavg()[0]  # wall-clock figures: the machine's load says how far to trust them
    print(
        f"{label} violations={Violation.objects.count()} p50_ms={p50:.1f} p95_ms={p95:.1f} "
        f"p95_process_cpu_ms={cpu95:.1f} load_1m={load:.1f} cpus={os.cpu_count()}"
    )


def postgres() -> None:
    from bench_discretion import ensure_data

    ensure_data()  # the seed benchmark and the 5,000-violation reference version
    evaluation()
    cases = [c.text for c in read_cases(EVAL)][::4]
    latency(
        "/api/v1/discretion/violations/",
        [{"q": q, "version": "all"} for q in cases],
        "fact_lookup",
        3,
    )


def sqlite() -> None:
    call_command("migrate", verbosity=0)
    load_seed_benchmark()
    prefixes = [{"q": text[:n]} for text in TYPED for n in range(1, len(text) + 1)]
    latency("/discretion/search/", prefixes, "fact_lookup_keystroke_sqlite", 3)


def main() -> None:
    if "--sqlite" in sys.argv:
        sqlite()
        return
    postgres()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3", VAR_DIR=tmp)
        run = subprocess.run([sys.executable, __file__, "--sqlite"], env=env, check=False)
        if run.returncode:
            raise SystemExit("SQLite keystroke benchmark failed")


if __name__ == "__main__":
    main()
