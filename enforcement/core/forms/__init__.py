"""Core Django forms, one module per concept (calendar, core data, audit filters)."""
