"""Password policy (口令策略) as pure functions.

A policy for a government information system, after GB/T 22239-2019 (网络安全等级保护基本要求) §8.1.4.1
a) — "口令应有复杂度要求并定期更换" — as commonly applied by provincial bureaus: at least 10 characters,
at least three of the four character classes (upper-case letters, lower-case letters, digits, other
symbols), not containing the username or the person's name, and none of the last 5 passwords again
(the history check needs stored hashes and lives in ``services.users``).
"""

from __future__ import annotations

import secrets
import string

MIN_LENGTH = 10
MIN_CLASSES = 3
HISTORY_DEPTH = 5

CLASS_LABELS = ("大写字母", "小写字母", "数字", "符号")
# Letters and digits that are easy to tell apart when read out or copied from a screen.
_TEMP_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_TEMP_LOWER = "abcdefghijkmnpqrstuvwxyz"
_TEMP_DIGITS = "23456789"
_TEMP_SYMBOLS = "@#%+=?"

POLICY_TEXT = (
    f"密码至少{MIN_LENGTH}位，须包含大写字母、小写字母、数字、符号中的至少{MIN_CLASSES}类；"
    f"不得包含用户名或姓名，不得与最近{HISTORY_DEPTH}次使用过的密码相同。"
)


def character_classes(password: str) -> int:
    """How many of the four classes (upper, lower, digit, other) the password uses."""
    return sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c in string.digits for c in password),
            any(not (c.isalnum() and c.isascii()) and not c.isspace() for c in password),
        )
    )


def password_problems(password: str, *, username: str = "", real_name: str = "") -> list[str]:
    """The Chinese reasons ``password`` breaks the policy (empty when it complies). History not included."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"密码至少{MIN_LENGTH}位（当前{len(password)}位）")
    if character_classes(password) < MIN_CLASSES:
        problems.append(f"密码须包含大写字母、小写字母、数字、符号中的至少{MIN_CLASSES}类")
    if any(c.isspace() for c in password):
        problems.append("密码不能包含空格")
    lowered = password.lower()
    if username and len(username) >= 3 and username.lower() in lowered:
        problems.append("密码不能包含用户名")
    name = real_name.strip()
    if name and len(name) >= 2 and name.lower() in lowered:
        problems.append("密码不能包含姓名")
    return problems


def generate_temporary_password(length: int = 12) -> str:
    """A random password that meets the policy (all four classes), for an administrator's reset."""
    if length < MIN_LENGTH:
        raise ValueError("a temporary password must meet the minimum length")
    pools = (_TEMP_UPPER, _TEMP_LOWER, _TEMP_DIGITS, _TEMP_SYMBOLS)
    chars = [secrets.choice(pool) for pool in pools]
    everything = "".join(pools)
    chars += [secrets.choice(everything) for _ in range(length - len(chars))]
    # Fisher–Yates with the CSPRNG, so the class order is not predictable
    for i in range(len(chars) - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)
