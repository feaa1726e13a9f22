"""The workflow engine: lifecycles as data (from-state, action, to-state, who may, guards, effect).

An app declares a ``Workflow`` (its ``Transition`` rows, named "who" predicates, named guards with
Chinese messages, and effects) and runs moves through ``Workflow.run`` inside its own service, on a row it
has locked. ``available_actions`` and ``blocked_actions`` are read from the same table, so a page never
offers a move the service would refuse for a reason it could have known.

Order of checks: the action exists (InvalidInput) → the user is one of ``who`` (NotAllowed, 403) → the
current state is a source (InvalidTransition, 409) → each guard in order (GuardFailed, 409, code
``<workflow>.<guard>``). Nothing is written before all checks pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from ..rules.workflow import Blocked, Context, Effect, Guard, Transition, WhoCheck, actions_from, index_table

__all__ = ["Blocked", "Context", "Guard", "Transition", "Workflow"]


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
        self.table = index_table(self.name, self.transitions, self.guards, self.who)

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
        return actions_from(self.table, state)

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
        self,
        obj: Any,
        action: str,
        ctx: Context,
        *,
        state_label: str = "",
        extra_fields: Iterable[str] = (),
        sealed: bool = False,
    ) -> tuple[str | None, str, dict[str, Any]]:
        """Check, apply the effect, set the state and save ``obj`` (already locked by the caller, inside
        its transaction). Returns ``(from_state, to_state, event data)``; the caller writes its event row,
        deadlines and the one audit event. A ``sealed`` object (e.g. an archived case, whose row the
        database refuses to change) is not written: a move allowed on it must leave its state and fields
        as they are — it is refused if its effect would change them."""
        t = self.check(obj, action, ctx, state_label=state_label)
        from_state = self.state_of(obj)
        to_state, fields, data = self.effects.get(action, _default_effect)(obj, ctx, t)
        if sealed:
            if to_state != from_state or fields:
                raise InvalidTransition(self.state_messages.get(action, "当前状态不能办理此事项"))
            return from_state, to_state, data
        setattr(obj, self.state_attr, to_state)
        obj.save(update_fields=list(dict.fromkeys([*fields, self.state_attr, *extra_fields])))
        return from_state, to_state, data
