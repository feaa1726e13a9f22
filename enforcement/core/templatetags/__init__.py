"""Core template tags and filters (``core_documents``: 文书 formatting)."""
