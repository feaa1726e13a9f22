"""Admin registrations of the core app live in topic modules (one import each, so branches merge cleanly)."""

from . import admin_coredata  # noqa: F401  # registers agencies, powers, users, enterprises, catalog
