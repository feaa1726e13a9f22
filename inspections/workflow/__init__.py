"""Lifecycles of the inspections app as rows of the core workflow engine (data only: the services bind
them to their who-predicates, guards and effects)."""
