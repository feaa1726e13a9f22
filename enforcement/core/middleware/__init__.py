"""Core HTTP middleware: request context for services, Chinese error pages and JSON API errors."""
