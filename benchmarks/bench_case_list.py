"""Benchmark: the case list at the seeded volume (10⁵ cases at ``--scale 2``) and at each size of
``BENCH_CASE_SIZES`` (e.g. ``1000000``; the missing bulk cases are added by the seed_demo bulk writer inside
a transaction rolled back at the end); the case page at 10/100/1000 events, documents and evidence items;
the decision PDF in seconds per page.

Case list lines: queries per request (≤ 10) and p50 ms of the page and the API, each beside a bare Django
view that runs the very SQL the list ran (captured in the same run) and returns the rows as plain text —
``ratio`` = p50 / bare p50, target ≤ 5. Case page lines: queries must not change with the rows. Decision
line: a case with three violations (unit and responsible-person fines) taken by the real services to the
decision, then one decision document per party (``decision_parties`` + ``issue_decision``, the real document
service, WeasyPrint) timed; target ≤ 0.5 s/page.

    .venv/bin/python benchmarks/bench_case_list.py
    BENCH_CASE_SIZES=1000000 .venv/bin/python benchmarks/bench_case_list.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
os.environ.setdefault("SIMPLE_STATIC", "true")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
MAX_QUERIES = 10
MAX_RATIO = 5.0
EVENT_SIZES = (10, 100, 1000)
BARE_SQL: dict[str, str] = {}


def bare(request: HttpRequest, name: str) -> HttpResponse:
    """The baseline: the list's own SQL, the rows written out as text, nothing else."""
    with connection.cursor() as cursor:
        cursor.execute(BARE_SQL[name])
        rows = cursor.fetchall()
    return HttpResponse("\n".join("\t".join(str(v) for v in row) for row in rows), content_type="text/plain")


urlpatterns = [path("bench-bare/<str:name>/", bare), path("", include("enforcement.urls"))]


class Rollback(Exception):
    pass


def timed(client: Client, url: str) -> float:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def list_sql(queries: list[dict[str, str]]) -> str:
    rows = [q["sql"] for q in queries if 'FROM "cases_case"' in q["sql"] and "LIMIT" in q["sql"]]
    assert rows, "the list's rows query was not captured"
    return rows[-1]


def bench_list(client: Client, size: int, label: str, urls: dict[str, str]) -> bool:
    ok = True
    for name, url in urls.items():
        client.get(url)  # warm
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
        BARE_SQL[name] = list_sql(ctx.captured_queries)
        p50 = timed(client, url)
        bare_p50 = timed(client, f"/bench-bare/{name}/")
        ratio = p50 / bare_p50 if bare_p50 else 0.0
        good = queries <= MAX_QUERIES and ratio <= MAX_RATIO
        ok = ok and good
        print(
            f"case_list {name} cases={size} user={label} queries={queries} p50_ms={p50:.1f} "
            f"bare_p50_ms={bare_p50:.1f} ratio={ratio:.2f} ok={'yes' if good else 'no'}"
        )
    return ok


def list_urls(officer_pk: int) -> dict[str, str]:
    return {
        "page": "/cases/",
        "page_filtered": "/cases/?status=filed&status=notified&source=inspection",
        "page_handler": f"/cases/?handler={officer_pk}",
        "page_overdue": "/cases/?overdue=true",
        "page_violation": "/cases/?violation=AQ-099-I1",
        "page_stage_to_pay": "/cases/?stage=to_pay",
        "page_stage_to_publish": "/cases/?stage=to_publish",
        "api_stage_overdue_unpaid": "/api/v1/cases/?page_size=50&stage=overdue_unpaid",
        "api": "/api/v1/cases/?page_size=50",
        "api_filtered": "/api/v1/cases/?page_size=50&status=decided&filed_from=2025-01-01",
    }


def bench_case_page(client: Client, officer) -> bool:
    """One filed bulk case of the officer grown to 10/100/1000 events, documents and evidence items."""
    sys.path.insert(0, str(ROOT / "tests"))
    from cases.models import Case
    from tests.cases.test_case_page_queries import URLS, grow

    case = (
        Case.objects.filter(handler_rows__user=officer, handler_rows__active=True, status="filed")
        .order_by("-id")
        .first()
    )
    if case is None:
        print("case_page skipped=no_filed_case_of_officer1", file=sys.stderr)
        return True
    seen: dict[str, set[int]] = {u: set() for u in URLS}
    have = 0
    people = [officer, officer]  # collector and downloader
    for n in EVENT_SIZES:
        grow(case, n - have, people)
        have = n
        for url in URLS:
            target = url.format(pk=case.pk)
            client.get(target)
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                client.get(target)
            queries = len(ctx.captured_queries)  # now: a later request clears the log
            p50 = timed(client, target) if url == "/cases/{pk}/" else None
            extra = f" p50_ms={p50:.1f}" if p50 is not None else ""
            seen[url].add(queries)
            print(f"case_page url={url} events={n} documents={n} evidence={n} queries={queries}{extra}")
    ok = all(len(c) == 1 for c in seen.values())
    print(f"case_page queries_constant={'yes' if ok else 'no'}")
    return ok


def three_violations() -> list[dict]:
    """Three catalogued violations of 安全生产法 fining the unit and the responsible person (first offence
    stage), each amount a third into its statutory range; unit-only codes when fewer are catalogued."""
    from discretion.models import StatutoryRange

    both = StatutoryRange.objects.filter(
        stage="first",
        subject="responsible_person",
        violation__code__startswith="AQ-",
        min_amount__isnull=False,
    ).values_list("violation_id", flat=True)
    ranges = (
        StatutoryRange.objects.filter(
            stage="first",
            violation_id__in=both,
            subject__in=["unit", "responsible_person"],
            max_amount__isnull=False,
        )
        .select_related("violation")
        .order_by("violation__code", "subject")
    )
    picked: dict[str, list[dict]] = {}
    for r in ranges:
        amount = (r.min_amount or 0) + ((r.max_amount or 0) - (r.min_amount or 0)) // 3 // 1000 * 1000
        fine = {"subject": r.subject, "amount": amount}
        if r.subject == "responsible_person":
            fine["person"] = "张建国"
        picked.setdefault(r.violation.code, []).append(fine)
    chosen = [(code, fines) for code, fines in picked.items() if len(fines) == 2][:3]
    if len(chosen) < 3:
        return [{"violation": c, "fines": [{"subject": "unit", "amount": a}]} for c, a in FALLBACK]
    return [{"violation": code, "fines": fines} for code, fines in chosen]


FALLBACK = [("AQ-099-I1", 20000), ("AQ-097-I4", 30000), ("AQ-101-I1", 50000)]


def decided_case(head, o1, o2, reviewer):
    """A three-violation case of district A taken to the decision by the real services."""
    from cases.services.create import create_case
    from cases.services.workflow import transition_case
    from enforcement.core.models import Enterprise

    firm = Enterprise.objects.filter(agency=head.agency, is_active=True).order_by("pk").first()
    case = create_case(
        actor=o1,
        party={"kind": "enterprise", "enterprise": firm.pk},
        source="inspection",
        source_ref={"text": "2026年度监督检查"},
        cause="未设置安全警示标志、未如实记录安全生产教育和培训情况等",
        violation_date=timezone.localdate() - dt.timedelta(days=30),
        handlers=[o1, o2],
    )

    def move(action: str, actor, **params):
        nonlocal case
        case = transition_case(case, action, actor=actor, params=params)

    move("submit_filing", o1)
    move("approve_filing", head, opinion="同意立案")
    violations = three_violations()
    try:
        with transaction.atomic():
            move(
                "conclude_investigation",
                o1,
                facts="经查，该单位存在以下违法行为。",
                proposal="penalty",
                violations=violations,
            )
    except Exception as exc:  # noqa: BLE001  # fall back to unit fines only
        print(f"decision_pdf note=unit_fines_only reason={exc}", file=sys.stderr)
        for v in violations:
            v["fines"] = v["fines"][:1]
        move(
            "conclude_investigation",
            o1,
            facts="经查，该单位存在以下违法行为。",
            proposal="penalty",
            violations=violations,
        )
    move("notify", o1)
    move("waive_rights", o1)
    if case.review_required:
        move("submit_legal_review", o1)
        move("take_legal_review", reviewer)
        move(
            "complete_legal_review", reviewer, outcome="approved", opinion="事实清楚，证据确凿，适用依据正确"
        )
    if case.collective_required:
        move(
            "record_collective_discussion",
            head,
            participants=["何局长", "王执法", "李执法"],
            conclusion="同意按拟定意见作出处罚决定",
        )
    move("decide", head)
    return case


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def bench_decision_pdf(people: dict) -> bool:
    from cases.services.documents import decision_parties, issue_decision

    with override_settings(CASES_RENDER_DOCUMENTS=True):
        case = decided_case(people["head"], people["officer1"], people["officer2"], people["reviewer"])
        runs = []
        page_count = 0
        for _ in range(3):
            t = time.perf_counter()
            docs = [d for d in (issue_decision(case, people["head"], p) for p in decision_parties(case)) if d]
            runs.append(time.perf_counter() - t)
            page_count = sum(pages(d.file.read()) for d in docs)
            for d in docs:
                d.file.storage.delete(d.file.name)
    seconds = statistics.median(runs)
    per_page = seconds / page_count if page_count else 0.0
    ok = page_count > 0 and per_page <= 0.5
    print(
        f"decision_pdf violations={case.violations.count()} documents={len(docs)} pages={page_count} "
        f"seconds={seconds:.2f} s_per_page={per_page:.2f} ok={'yes' if ok else 'no'}"
    )
    return ok


def main() -> int:
    from cases.demo_bulk import seed_bulk_cases
    from cases.models import Case
    from enforcement.core.models import User

    people = {
        u.username: u for u in User.objects.filter(username__in=["head", "officer1", "officer2", "reviewer"])
    }
    if len(people) < 4:
        print("case_list skipped=no_seeded_personas", file=sys.stderr)
        return 1
    sizes = [int(s) for s in os.environ.get("BENCH_CASE_SIZES", "").split(",") if s.strip()]
    clients = {}
    for name in ("head", "officer1"):
        clients[name] = Client()
        clients[name].force_login(people[name])
    ok = True
    try:
        with override_settings(ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__), transaction.atomic():
            for target in [0, *sorted(sizes)]:
                if target:
                    t = time.perf_counter()
                    added = seed_bulk_cases(target)
                    print(f"case_seed target={target} added={added} seconds={time.perf_counter() - t:.0f}")
                size = Case.objects.count()
                for label, client in clients.items():
                    ok = bench_list(client, size, label, list_urls(people["officer1"].pk)) and ok
            ok = bench_case_page(clients["officer1"], people["officer1"]) and ok
            ok = bench_decision_pdf(people) and ok
            raise Rollback
    except Rollback:
        pass
    if sizes:  # the rolled-back rows are dead tuples until vacuumed: clean up for the benchmarks after
        with connection.cursor() as cursor:
            for table in ("cases_case", "cases_casehandler", "cases_caseviolation", "cases_caseevent"):
                cursor.execute(f"VACUUM ANALYZE {table}")
            cursor.execute("VACUUM ANALYZE core_deadline")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
