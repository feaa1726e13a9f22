"""加处罚款 arithmetic (cases.rules.payment.surcharge) in its worst case: a fine never capped (a small unpaid
remainder), 12 instalments, 20 payments and 2 remedy pauses, counted day by day over three years. The case
page computes one per decision, so this bounds the page's cost. Prints
  case_surcharge days=.. instalments=.. payments=.. per_call_ms=.. result_yuan=..
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdef")

import django  # noqa: E402

django.setup()

from cases.rules.payment import Instalment, Paid, Pause, surcharge  # noqa: E402

ROUNDS = 50


def main() -> None:
    start = dt.date(2024, 1, 1)
    amount = 12 * 100_000
    plan = [Instalment(start + dt.timedelta(days=30 * (i + 1)), 100_000) for i in range(12)]
    paid = [Paid(start + dt.timedelta(days=18 * (i + 1)), 59_999) for i in range(20)]
    pauses = [
        Pause(dt.date(2024, 6, 1), dt.date(2024, 7, 15)),
        Pause(dt.date(2025, 3, 1), dt.date(2025, 4, 1)),
    ]
    on = start + dt.timedelta(days=3 * 365)
    t0 = time.perf_counter()
    for _ in range(ROUNDS):
        result = surcharge(amount, plan, paid, pauses, on)
    per_call = (time.perf_counter() - t0) / ROUNDS * 1000
    print(
        f"case_surcharge days={(on - start).days} instalments={len(plan)} payments={len(paid)} "
        f"per_call_ms={per_call:.2f} result_yuan={result.yuan} capped={result.capped}"
    )


if __name__ == "__main__":
    main()
