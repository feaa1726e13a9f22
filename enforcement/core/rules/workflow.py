"""Workflow tables as data: a ``Transition`` row (from-states, action, to-state, who may, guards), named
``Guard`` checks with Chinese refusal messages, the ``Context`` of one move, ``Blocked`` actions, and the
pure reading of a table (``index_table``, ``actions_from``). Run by ``enforcement.core.services.workflow``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

# who-predicate: (user, obj) -> bool. Relational ("handler of this object", "chair", "assigned reviewer")
# or by role of the object's agency; the app supplies them by name.
WhoCheck = Callable[[Any, Any], bool]
# effect: (obj, ctx, transition) -> (to_state, changed fields, event data); may pick another target
Effect = Callable[[Any, "Context", "Transition"], tuple[str, list[str], dict[str, Any]]]
# target resolver: (obj, ctx) -> to_state, for state- or configuration-dependent targets
TargetFn = Callable[[Any, "Context"], str]


@dataclass
class Context:
    """What a move knows besides the object: the actor, the date, a reason and the action's input."""

    actor: Any
    on_date: dt.date = field(default_factory=timezone.localdate)
    reason: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Guard:
    """A named legal or business guard. ``check(obj, ctx)`` returns a Chinese refusal message or None.

    ``needs_input``: the guard reads the action's input (``ctx.params``), so it cannot be judged before
    the user submits; ``available_actions`` then leaves it to the run.
    """

    name: str
    check: Callable[[Any, Context], str | None]
    needs_input: bool = False


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str | None]
    target: str | TargetFn
    who: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()
    label: str = ""
    # other states the effect (or target function) may choose, e.g. a failed 年审 → suspended
    alt_targets: tuple[str, ...] = ()

    def targets(self) -> tuple[str, ...]:
        first = (self.target,) if isinstance(self.target, str) else ()
        return first + self.alt_targets


@dataclass(frozen=True)
class Blocked:
    """An action the state allows but a guard refuses now: ``{"name", "guards": [{"code","detail"}]}``."""

    name: str
    guards: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "guards": [{"code": c, "detail": d} for c, d in self.guards]}


def index_table(
    name: str, transitions: Iterable[Transition], guard_names: Iterable[str], who_names: Iterable[str]
) -> dict[str, Transition]:
    """The table by action; a row naming an unknown guard or who-predicate fails loudly."""
    guards, who = set(guard_names), set(who_names)
    table = {t.action: t for t in transitions}
    for t in table.values():
        missing = [g for g in t.guards if g not in guards] + [w for w in t.who if w not in who]
        if missing:
            raise ValueError(f"{name}.{t.action}: unknown guard or who {missing}")
    return table


def actions_from(table: dict[str, Transition], state: str | None) -> list[str]:
    """Actions the table allows from ``state`` (who and guards not judged)."""
    return [a for a, t in table.items() if state in t.sources]
