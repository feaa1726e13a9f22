"""manage.py load_discretion_seed: bring the seed benchmark of an existing database up to date."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from discretion.services import load_seed_benchmark
from discretion.services.seed import pending_seed_tiers


class Command(BaseCommand):
    help = (
        "补齐裁量基准种子数据（幂等）：新增缺少的违法行为、检索同义词、情节、首违不罚清单和法制审核标准；"
        "已发布版本的内容不变，并列出其尚缺的已公开裁量阶次（请复制为新版本后录入并发布）。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_seed_benchmark()
        if any(counts.values()):
            self.stdout.write("已补齐：" + "，".join(f"{k} {n}" for k, n in counts.items() if n))
        else:
            self.stdout.write("无需补齐：种子数据均已录入")
        pending = pending_seed_tiers()
        for version, violation, tier in pending:
            self.stdout.write(
                f"版本 {version} 的违法行为 {violation} 尚缺已公开的阶次 {tier}："
                "已发布版本不能修改，请复制为新版本、录入该阶次后按施行日期发布"
            )
