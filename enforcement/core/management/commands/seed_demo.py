"""seed_demo: idempotent demo data; --scale N adds bulk rows for benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from enforcement.core.registry import REGISTRY


class Command(BaseCommand):
    help = "创建演示数据（可重复执行）；--scale N 为性能测试批量生成数据"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--scale", type=int, default=0, help="multiply enterprises/cases/inspections by N"
        )

    def handle(self, *args: Any, scale: int = 0, **options: Any) -> None:
        from enforcement.core import demo

        demo.seed_core(scale=scale, stdout=self.stdout)
        for seeder in REGISTRY.demo_seeders:
            self.stdout.write(f"seeding {seeder.name} …")
            seeder.func(scale=scale, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪"))
