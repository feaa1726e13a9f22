"""``manage.py verify_case_documents <case id or number> ...`` (or ``--all``): check that every issued
文书 of the cases is unchanged (SHA-256) and re-renders from the context it was issued with. Exit
status 1 when any document fails."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.models import Case
from cases.services.verify import check_case_documents


class Command(BaseCommand):
    help = "核对案件文书：存档文件的 SHA-256 与出具时一致，并按出具时的内容重新生成比对"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cases", nargs="*", help="案件 id 或案件编号")
        parser.add_argument("--all", action="store_true", help="核对全部案件")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            cases = list(Case.objects.filter(number__isnull=False).order_by("id"))
        elif options["cases"]:
            cases = []
            for ref in options["cases"]:
                found = Case.objects.filter(pk=int(ref)).first() if ref.isdigit() else None
                found = found or Case.objects.filter(number=ref).first()
                if found is None:
                    raise CommandError(f"案件不存在：{ref}")
                cases.append(found)
        else:
            raise CommandError("请指定案件（id 或编号），或使用 --all")
        failed = 0
        for case in cases:
            for check in check_case_documents(case):
                doc = check.document
                mark = "通过" if check.ok else "不通过"
                self.stdout.write(
                    f"{case.number or case.pk}\t{doc.title}\t{doc.number or '（无编号）'}\t{mark}\t{check.verdict}"
                )
                failed += not check.ok
        if failed:
            raise CommandError(f"{failed} 份文书核对不通过")
        self.stdout.write(self.style.SUCCESS("全部文书核对通过"))
