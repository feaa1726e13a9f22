"""文书编号: pattern formatting (spec §4.2) and the row-locked counter under concurrency."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, connections, transaction
from hypothesis import given
from hypothesis import strategies as st

from enforcement.core.exceptions import InvalidInput
from enforcement.core.models import DocumentCounter, NumberingPattern, SequenceSource
from enforcement.core.registry import REGISTRY
from enforcement.core.rules.numbering import format_number, normalise_brackets
from enforcement.core.services.numbering import allocate_number

DEFAULT = "（{short}）应急{code}〔{year}〕{seq}号"


# --- format_number (pure) --------------------------------------------------------------------


def test_format_number_spec_4_2_penalty_decision_example():
    """Spec §4.2: the city bureau's 行政处罚决定书 （宁）应急罚〔2026〕12号."""
    assert (
        format_number("（{short}）应急罚〔{year}〕{seq}号", short="宁", year=2026, seq=12)
        == "（宁）应急罚〔2026〕12号"
    )


def test_format_number_normalises_half_width_brackets_in_pattern():
    assert (
        format_number("({short})应急罚[{year}]{seq}号", short="宁", year=2026, seq=12)
        == "（宁）应急罚〔2026〕12号"
    )


def test_format_number_normalises_brackets_in_the_short_name_too():
    assert format_number(DEFAULT, short="宁", year=2026, seq=3, code="罚").startswith("（宁）")
    assert (
        format_number("{short}应急罚【{year}】{seq}号", short="(宁)", year=2026, seq=3)
        == "（宁）应急罚〔2026〕3号"
    )


def test_format_number_default_pattern_fills_the_kind_abbreviation():
    """Spec §4.2: 责令限期整改指令书 代字 责改."""
    assert format_number(DEFAULT, short="宁", year=2019, seq=7, code="责改") == "（宁）应急责改〔2019〕7号"


def test_format_number_squad_pattern():
    """Spec §4.2: （湘怀沅）应急现记〔2025〕执法二中队-4号 — the squad is literal text in the pattern."""
    pattern = "（{short}）应急现记〔{year}〕执法二中队-{seq}号"
    assert (
        format_number(pattern, short="湘怀沅", year=2025, seq=4) == "（湘怀沅）应急现记〔2025〕执法二中队-4号"
    )


def test_format_number_squad_without_hyphen():
    """Spec §4.2: （朝龙）应急责改〔2025〕执法四中队20号."""
    pattern = "（{short}）应急{code}〔{year}〕执法四中队{seq}号"
    assert (
        format_number(pattern, short="朝龙", year=2025, seq=20, code="责改")
        == "（朝龙）应急责改〔2025〕执法四中队20号"
    )


def test_format_number_series_letter_and_half_width_year_brackets():
    """Spec §4.2: （津保）应急罚[2023]k-39号 is normalised to full-width brackets."""
    pattern = "（{short}）应急罚[{year}]k-{seq}号"
    assert format_number(pattern, short="津保", year=2023, seq=39) == "（津保）应急罚〔2023〕k-39号"


def test_format_number_zero_padded_sequence():
    assert (
        format_number("（{short}）应急罚〔{year}〕{seq:03d}号", short="宁", year=2026, seq=7)
        == "（宁）应急罚〔2026〕007号"
    )


def test_format_number_catalog():
    assert format_number(DEFAULT, short="宁", year=2026, seq=1, code="目录") == "（宁）应急目录〔2026〕1号"


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("（{short}）应急罚〔{year}〕号", "invalid_pattern"),  # no {seq}
        ("（{short}）应急罚〔{year}〕{n}号", "invalid_pattern"),  # unknown placeholder
        ("（{short}）应急罚〔{year}〕{seq号", "invalid_pattern"),  # unbalanced brace
        ("（{short}）应急罚〔{year}〕{seq:x9}号", "invalid_pattern"),  # bad format spec
    ],
)
def test_format_number_rejects_bad_patterns(pattern, code):
    with pytest.raises(InvalidInput) as exc:
        format_number(pattern, short="宁", year=2026, seq=1)
    assert exc.value.code == code


def test_normalise_brackets():
    assert normalise_brackets("(宁)应急罚[2023]k-39号") == "（宁）应急罚〔2023〕k-39号"


@given(
    short=st.text(alphabet="宁浦江苏湘怀沅()[]", min_size=1, max_size=4),
    year=st.integers(min_value=2000, max_value=2099),
    seq=st.integers(min_value=1, max_value=99999),
)
def test_format_number_output_is_full_width_and_ends_with_the_sequence(short, year, seq):
    number = format_number("({short})应急罚[{year}]{seq}号", short=short, year=year, seq=seq)
    assert not set(number) & set("()[]")
    assert number.endswith(f"〔{year}〕{seq}号")


# --- allocate_number ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_allocate_number_counts_per_agency_kind_and_year(agencies):
    city, district = agencies.city, agencies.district_a
    assert allocate_number(city, "catalog", 2026) == (1, "（宁）应急目录〔2026〕1号")
    assert allocate_number(city, "catalog", 2026) == (2, "（宁）应急目录〔2026〕2号")
    assert allocate_number(city, "catalog", 2027) == (1, "（宁）应急目录〔2027〕1号")
    assert allocate_number(district, "catalog", 2026) == (1, "（浦）应急目录〔2026〕1号")
    assert list(
        DocumentCounter.objects.order_by("agency_id", "year").values_list("agency_id", "year", "last_value")
    ) == [
        (city.id, 2026, 2),
        (city.id, 2027, 1),
        (district.id, 2026, 1),
    ]


@pytest.mark.django_db
def test_allocate_number_uses_the_agency_pattern_over_the_default(agencies):
    NumberingPattern.objects.create(
        agency=agencies.district_a, kind="catalog", pattern="({short})应急目录[{year}]执法一中队-{seq}号"
    )
    assert allocate_number(agencies.district_a, "catalog", 2026) == (
        1,
        "（浦）应急目录〔2026〕执法一中队-1号",
    )
    assert allocate_number(agencies.district_b, "catalog", 2026) == (1, "（江）应急目录〔2026〕1号")


@pytest.mark.django_db
def test_allocate_number_case_sequence_source_uses_the_case_number_and_leaves_the_counter(agencies):
    """Spec §4.2: some agencies number every document of a case with the case number."""
    NumberingPattern.objects.create(
        agency=agencies.city, kind="catalog", pattern=DEFAULT, sequence_source=SequenceSource.CASE
    )
    assert allocate_number(agencies.city, "catalog", 2026, fixed_seq=37) == (37, "（宁）应急目录〔2026〕37号")
    assert allocate_number(agencies.city, "catalog", 2026, fixed_seq=37) == (37, "（宁）应急目录〔2026〕37号")
    with pytest.raises(InvalidInput) as exc:
        allocate_number(agencies.city, "catalog", 2026)
    assert exc.value.code == "sequence_required"
    assert DocumentCounter.objects.count() == 0


@pytest.mark.django_db
def test_allocate_number_counter_source_ignores_a_passed_case_number(agencies):
    assert allocate_number(agencies.city, "catalog", 2026, fixed_seq=37) == (1, "（宁）应急目录〔2026〕1号")


@pytest.mark.django_db
def test_allocate_number_unknown_kind_is_refused(agencies):
    assert "no-such-kind" not in REGISTRY.document_kinds
    with pytest.raises(InvalidInput) as exc:
        allocate_number(agencies.city, "no-such-kind", 2026)
    assert exc.value.code == "unknown_document_kind"
    assert DocumentCounter.objects.count() == 0


@pytest.mark.django_db
def test_rollback_returns_the_number_so_there_is_no_gap(agencies):
    city = agencies.city
    assert allocate_number(city, "catalog", 2026)[0] == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert allocate_number(city, "catalog", 2026)[0] == 2
        raise RuntimeError("rendering failed")
    assert allocate_number(city, "catalog", 2026)[0] == 2
    assert DocumentCounter.objects.get(agency=city, kind="catalog", year=2026).last_value == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocation_on_separate_connections_issues_exactly_1_to_n(agencies):
    """8 threads, each on its own PostgreSQL connection, race to create and bump the same counter.

    Every thread also rolls back one allocation of its own mid-way: numbers come out exactly 1..N.
    """
    threads_n, per_thread = 8, 6
    city = agencies.city
    assert connection.vendor == "postgresql"
    barrier = threading.Barrier(threads_n)
    lock = threading.Lock()
    numbers: list[tuple[int, str]] = []
    backend_pids: set[int] = set()
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            barrier.wait(timeout=30)
            mine = []
            for i in range(per_thread):
                if i == index % per_thread:
                    try:
                        with transaction.atomic():
                            allocate_number(city, "catalog", 2026)
                            raise RuntimeError("abandoned")
                    except RuntimeError:
                        pass
                with transaction.atomic():
                    mine.append(allocate_number(city, "catalog", 2026))
            with lock:
                numbers.extend(mine)
                backend_pids.add(pid)
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)

    assert errors == []
    assert len(backend_pids) == threads_n
    total = threads_n * per_thread
    assert sorted(seq for seq, _ in numbers) == list(range(1, total + 1))
    assert sorted(numbers) == [(n, f"（宁）应急目录〔2026〕{n}号") for n in range(1, total + 1)]
    assert DocumentCounter.objects.get(agency=city, kind="catalog", year=2026).last_value == total
    assert re.fullmatch(r"（宁）应急目录〔2026〕\d+号", numbers[0][1])
