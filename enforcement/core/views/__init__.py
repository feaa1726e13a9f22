"""Core page views (HTML, HTMX), one module per concept; URLs in enforcement/core/urls.py."""
