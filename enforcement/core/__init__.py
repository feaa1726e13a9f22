"""Shared core of the platform: agencies, users, enterprises, catalog, calendar, deadlines, documents, audit."""
