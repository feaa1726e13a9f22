"""追责时效 — 行政处罚法 Art 36 as corrected by ERRATA: 2 years, 5 where citizens' life/health or financial
safety is involved **and** harmful consequences occurred (an explicit flag); counted from the end of a
continuing act (连续或者继续状态终了之日) to the discovery date. Year periods per 民法典 Art 201–203."""

from __future__ import annotations

import calendar
import datetime as dt

BASIS = "《中华人民共和国行政处罚法》第三十六条"


def add_years(start: dt.date, years: int) -> dt.date:
    """The corresponding day ``years`` later; 29 Feb without a counterpart ends on 28 Feb (民法典 Art 203)."""
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return dt.date(year, start.month, day)


def limitation_years(life_health_harm: bool) -> int:
    return 5 if life_health_harm else 2


def limitation_expiry(violation_end: dt.date, life_health_harm: bool) -> dt.date:
    return add_years(violation_end, limitation_years(life_health_harm))


def limitation_refusal(violation_end: dt.date, discovered_on: dt.date, life_health_harm: bool) -> str | None:
    """None while the violation was discovered within the period, else the Art 36 refusal."""
    if discovered_on < violation_end:
        return "发现日期不能早于违法行为发生（终了）日期"
    expiry = limitation_expiry(violation_end, life_health_harm)
    if discovered_on <= expiry:
        return None
    years = limitation_years(life_health_harm)
    return (
        f"违法行为自{violation_end.isoformat()}起{years}年内（至{expiry.isoformat()}）未被发现，"
        f"已过追责时效，不再给予行政处罚（{BASIS}）"
    )
