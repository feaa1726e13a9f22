"""Fact lookup (违法行为检索): officers' words → catalogued violations.

``text`` segments and normalises Chinese text (rjieba with the project's legal/safety dictionary,
traditional → simplified, de-identification); ``index`` is a pure in-memory BM25F index with synonym
expansion, a typo/character-bigram fallback and the matched words of every hit; ``store`` builds it
from the database, keeps it per process and on disk, and rebuilds it when the catalogue changes.
"""
