"""Domain exceptions raised by services; each carries a machine code and a Chinese message."""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}


class InvalidInput(DomainError):
    """Bad input (400)."""


class NotAllowed(DomainError):
    """The user may see the object but may not do this (403)."""

    status_code = 403
    code = "forbidden"


class InvalidTransition(DomainError):
    """The object's state does not allow this action (409)."""

    status_code = 409
    code = "invalid_transition"


class GuardFailed(DomainError):
    """A legal guard refused the action (409); ``code`` names the guard."""

    status_code = 409
    code = "guard_failed"
