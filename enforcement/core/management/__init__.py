"""Core management commands (seed_demo, seed_calendar, verify_audit)."""
