"""manage.py load_discretion_seed: bring the seed benchmark of an existing database up to date."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from discretion.services import load_seed_benchmark


class Command(BaseCommand):
    help = (
        "补齐裁量基准种子数据（幂等）：新增缺少的违法行为、为尚无阶次的违法行为补充已公开的裁量阶次、"
        "检索同义词、情节、首违不罚清单和法制审核标准；已有数据（含管理员录入的阶次）不变。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_seed_benchmark()
        if any(counts.values()):
            self.stdout.write("已补齐：" + "，".join(f"{k} {n}" for k, n in counts.items() if n))
        else:
            self.stdout.write("无需补齐：种子数据均已录入")
