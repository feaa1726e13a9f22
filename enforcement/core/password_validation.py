"""Django password validators for the platform's policy (AUTH_PASSWORD_VALIDATORS), so Django's own forms
(createsuperuser, the platform admin's password form) agree with the services. The rules themselves are
pure functions in ``rules/passwords.py``; the history needs stored hashes (``services.users``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from .rules import passwords as password_rules


class PolicyValidator:
    """Length, character classes, and not the username or the person's name."""

    def validate(self, password: str, user: Any = None) -> None:
        problems = password_rules.password_problems(
            password,
            username=str(getattr(user, "username", "") or ""),
            real_name=str(getattr(user, "real_name", "") or ""),
        )
        if problems:
            raise ValidationError(problems, code="password_policy")

    def get_help_text(self) -> str:
        return (
            f"至少{password_rules.MIN_LENGTH}位，包含大写字母、小写字母、数字、符号中的至少"
            f"{password_rules.MIN_CLASSES}类，不含用户名或姓名。"
        )


class HistoryValidator:
    """None of the user's last ``HISTORY_DEPTH`` passwords (the current one included)."""

    def validate(self, password: str, user: Any = None) -> None:
        from .services.users import was_used_recently

        if user is not None and getattr(user, "pk", None) and was_used_recently(user, password):
            raise ValidationError(
                f"不能使用最近{password_rules.HISTORY_DEPTH}次用过的密码", code="password_reused"
            )

    def get_help_text(self) -> str:
        return f"不能与最近{password_rules.HISTORY_DEPTH}次使用过的密码相同。"
