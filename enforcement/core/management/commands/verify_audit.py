"""verify_audit: walk the audit chain (全过程记录); exit 0 when intact, else exit 1 naming the first broken event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from enforcement.core.services.audit_verify import verify_chain


class Command(BaseCommand):
    help = "校验全过程记录哈希链 / verify the audit hash chain (exit 0 intact, 1 broken)"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--chunk-size", type=int, default=2000, help="rows fetched per round trip")

    def handle(self, *args: Any, chunk_size: int = 2000, **options: Any) -> None:
        report = verify_chain(chunk_size=chunk_size)
        if report.intact:
            self.stdout.write(self.style.SUCCESS(report.summary))
            self.stdout.write(f"耗时 / took {report.seconds:.2f}s")
            return
        self.stdout.write(self.style.ERROR(report.summary))
        self.stdout.write(f"此前 {report.count} 条完整 / {report.count} events verified before the break")
        # CommandError with returncode 1: manage.py exits 1; call_command raises it in tests.
        raise CommandError("审计链已被破坏 / audit chain broken", returncode=1)
