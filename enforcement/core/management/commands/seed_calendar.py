"""manage.py seed_calendar [--year YYYY ...]: load statutory holidays and 调休 days from chinesecalendar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from enforcement.core.exceptions import DomainError
from enforcement.core.services.calendar_coverage import chinesecalendar_years, seed_calendar_years


class Command(BaseCommand):
    help = "从 chinesecalendar 导入法定节假日和调休上班日（幂等：已录入的年度不变）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, action="append", help="只导入这些年份（可重复）；默认全部")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options.get("year") or None
        try:
            seeded = seed_calendar_years(years)
        except DomainError as exc:
            raise CommandError(exc.message)
        known = chinesecalendar_years()
        if seeded:
            self.stdout.write(f"已导入 {len(seeded)} 个年度：{', '.join(str(y) for y in seeded)}")
        else:
            self.stdout.write("无需导入：所选年度均已录入")
        self.stdout.write(
            f"chinesecalendar 数据范围：{known.start}—{known.stop - 1}年；此后的年度请在 /calendar/days/ 录入"
        )
