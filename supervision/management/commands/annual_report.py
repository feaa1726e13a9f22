"""annual_report --year YYYY [--agency CODE] [--out DIR] [--as-of YYYY-MM-DD]: build the 行政执法统计年报
now and write its PDF and XLSX; prints both paths (CONTRACT)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from enforcement.core.exceptions import DomainError
from enforcement.core.models import Agency


class Command(BaseCommand):
    help = "生成行政执法统计年报（PDF 和 XLSX），输出两个文件的路径"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--agency", help="机关代码（默认：最上级机关）")
        parser.add_argument("--out", help="输出目录（默认：媒体目录中的存放位置）")
        parser.add_argument("--as-of", dest="as_of", type=dt.date.fromisoformat, help="数据截止日")

    def handle(
        self, *args: Any, year: int, agency: str | None, out: str | None, as_of: Any, **o: Any
    ) -> None:
        from supervision.services.report import build_now, root_agencies

        if agency:
            root = Agency.objects.filter(code=agency).first()
            if root is None:
                raise CommandError(f"机关代码不存在：{agency}")
        else:
            roots = root_agencies()
            if not roots:
                raise CommandError("尚无机关")
            root = roots[0]
        try:
            report = build_now(year=year, agency=root, actor=None, as_of=as_of)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        paths = [Path(report.pdf.path), Path(report.xlsx.path)]
        if out:
            target = Path(out)
            target.mkdir(parents=True, exist_ok=True)
            paths = [Path(shutil.copyfile(p, target / p.name)) for p in paths]
        for p in paths:
            self.stdout.write(str(p.resolve()))
