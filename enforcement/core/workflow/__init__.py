"""The workflow engine: lifecycles as data (from-state, action, to-state, who may, guards, effect).

An app declares a ``Workflow`` (its ``Transition`` rows, named "who" predicates, named guards with
Chinese messages, and effects) and runs moves through ``Workflow.run`` inside its own service, on a row it
has locked. ``available_actions`` and ``blocked_actions`` are read from the same table, so a page never
offers a move the service would refuse for a reason it could have known.

Order of checks: the action exists (InvalidInput) → the user is one of ``who`` (NotAllowed, 403) → the
current state is a source (InvalidTransition, 409) → each guard in order (GuardFailed, 409, code
``<workflow>.<guard>``). Nothing is written before all checks pass.
"""

from .engine import Blocked, Context, Guard, Transition, Workflow

__all__ = ["Blocked", "Context", "Guard", "Transition", "Workflow"]
