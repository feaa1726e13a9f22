"""Calibration figure: how far the recommended fine lies from the fine decided in published decisions.

Reads benchmarks/data/calibration_decisions.tsv (published 应急管理 decisions with their sources), asks the
calculator for each (first instance, unit, facts known from the source, benchmark in force today) and prints
  discretion_calibration n=.. mean_share=.. median_share=.. within_10pct=.. within_25pct=.. with_tier=..
  discretion_calibration_by_violation code=.. n=.. decided=lo–hi recommended=.. tier=.. mean_share=..
"share" = |recommended − decided| / (statutory max − statutory min): 0 is on the decided amount, 0.5 is
half the statutory range away. The figure to watch as tiers are added.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdef")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from discretion.rules.calibration import summarise  # noqa: E402
from discretion.services import load_seed_benchmark  # noqa: E402
from discretion.services.calibration import calibrate, read_decisions  # noqa: E402

TABLE = HERE / "data" / "calibration_decisions.tsv"


def main() -> None:
    load_seed_benchmark()  # idempotent: adds only what is missing
    rows = calibrate(read_decisions(TABLE), timezone.localdate())
    s = summarise([r.share for r in rows])
    with_tier = sum(1 for r in rows if r.tier)
    print(
        f"discretion_calibration n={s.n} mean_share={s.mean:.3f} median_share={s.median:.3f} "
        f"within_10pct={s.within_10pct:.2f} within_25pct={s.within_25pct:.2f} with_tier={with_tier}"
    )
    by_code = defaultdict(list)
    for r in rows:
        by_code[(r.decision.code, r.tier, r.recommended)].append(r)
    for (code, tier, recommended), group in sorted(by_code.items()):
        decided = sorted(r.decision.decided for r in group)
        mean = sum(r.share for r in group) / len(group)
        print(
            f"discretion_calibration_by_violation code={code} n={len(group)} "
            f"decided={decided[0]}–{decided[-1]} recommended={recommended} tier={tier or '-'} "
            f"mean_share={mean:.3f}"
        )


if __name__ == "__main__":
    main()
