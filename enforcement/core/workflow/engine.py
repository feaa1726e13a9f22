"""``Workflow``: the table, its checks and the run of one move (see the package docstring)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ..exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed

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


def _default_effect(obj: Any, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    return Workflow.resolve_target(t, obj, ctx), [], {}


@dataclass
class Workflow:
    """One lifecycle. ``name`` prefixes guard codes (``hazard.deadline_set``) and audit actions."""

    name: str
    transitions: Iterable[Transition]
    who: dict[str, WhoCheck]
    guards: dict[str, Guard]
    effects: dict[str, Effect] = field(default_factory=dict)
    state_attr: str = "status"
    # refusal text for a wrong state by action (the current state's label is appended by ``run``)
    state_messages: dict[str, str] = field(default_factory=dict)
    not_allowed: str = "您无权办理此事项"
    table: dict[str, Transition] = field(init=False)

    def __post_init__(self) -> None:
        self.table = {t.action: t for t in self.transitions}
        for t in self.table.values():
            missing = [g for g in t.guards if g not in self.guards] + [w for w in t.who if w not in self.who]
            if missing:
                raise ValueError(f"{self.name}.{t.action}: unknown guard or who {missing}")

    # --- reading the table ----------------------------------------------------------------------

    @staticmethod
    def resolve_target(t: Transition, obj: Any, ctx: Context) -> str:
        return t.target if isinstance(t.target, str) else t.target(obj, ctx)

    def state_of(self, obj: Any) -> str | None:
        return None if obj is None else getattr(obj, self.state_attr)

    def allows(self, state: str | None, action: str) -> bool:
        t = self.table.get(action)
        return t is not None and state in t.sources

    def actions_from(self, state: str | None) -> list[str]:
        """Actions the table allows from ``state`` (who and guards not judged)."""
        return [a for a, t in self.table.items() if state in t.sources]

    def may(self, user: Any, obj: Any, t: Transition) -> bool:
        if not t.who:
            return True
        return any(self.who[w](user, obj) for w in t.who)

    def failing_guards(
        self, obj: Any, t: Transition, ctx: Context, *, with_input: bool = True
    ) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for name in t.guards:
            guard = self.guards[name]
            if guard.needs_input and not with_input:
                continue
            message = guard.check(obj, ctx)
            if message:
                out.append((f"{self.name}.{name}", message))
        return out

    def available_actions(self, user: Any, obj: Any, ctx: Context | None = None) -> list[str]:
        """What ``user`` may do to ``obj`` now: by state, who, and the guards judgeable without input."""
        ctx = ctx or Context(actor=user)
        state = self.state_of(obj)
        return [
            t.action
            for t in self.table.values()
            if state in t.sources
            and self.may(user, obj, t)
            and not self.failing_guards(obj, t, ctx, with_input=False)
        ]

    def blocked_actions(self, user: Any, obj: Any, ctx: Context | None = None) -> list[Blocked]:
        """Actions the state and the user's role allow but a guard refuses now, with the guards' reasons."""
        ctx = ctx or Context(actor=user)
        state = self.state_of(obj)
        out = []
        for t in self.table.values():
            if state in t.sources and self.may(user, obj, t):
                failing = self.failing_guards(obj, t, ctx, with_input=False)
                if failing:
                    out.append(Blocked(t.action, tuple(failing)))
        return out

    # --- running one move -----------------------------------------------------------------------

    def check(self, obj: Any, action: str, ctx: Context, *, state_label: str = "") -> Transition:
        """Raise the first refusal (see the package docstring) or return the transition."""
        t = self.table.get(action)
        if t is None:
            raise InvalidInput(f"未知的操作：{action}")
        if not self.may(ctx.actor, obj, t):
            raise NotAllowed(self.not_allowed)
        if self.state_of(obj) not in t.sources:
            message = self.state_messages.get(action, "当前状态不能办理此事项")
            raise InvalidTransition(f"{message}（当前状态：{state_label}）" if state_label else message)
        for name in t.guards:
            refusal = self.guards[name].check(obj, ctx)
            if refusal:
                raise GuardFailed(refusal, code=f"{self.name}.{name}")
        return t

    def run(
        self, obj: Any, action: str, ctx: Context, *, state_label: str = "", extra_fields: Iterable[str] = ()
    ) -> tuple[str | None, str, dict[str, Any]]:
        """Check, apply the effect, set the state and save ``obj`` (already locked by the caller, inside
        its transaction). Returns ``(from_state, to_state, event data)``; the caller writes its event row,
        deadlines and the one audit event."""
        t = self.check(obj, action, ctx, state_label=state_label)
        from_state = self.state_of(obj)
        to_state, fields, data = self.effects.get(action, _default_effect)(obj, ctx, t)
        setattr(obj, self.state_attr, to_state)
        obj.save(update_fields=list(dict.fromkeys([*fields, self.state_attr, *extra_fields])))
        return from_state, to_state, data
