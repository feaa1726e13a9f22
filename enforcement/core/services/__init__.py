"""Core services: every state change of core data (agencies, catalog, enterprises, calendar, deadlines, documents, numbering, audit) runs here."""
