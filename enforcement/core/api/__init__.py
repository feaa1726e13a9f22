"""Core REST API (DRF): agencies, catalog, enterprises, calendar, deadlines, audit; routes in api/urls.py."""
