"""Reproducible, verifiable random sampling (lifted from the 双随机 draw so every draw uses one method).

A draw is fixed by a ``seed`` (a public string) and the ordered pool it was drawn from. Every member gets
the rank ``SHA-256("<seed>|<tag>|<member>")`` and the ``k`` smallest ranks are drawn: a uniform random
``k``-subset that anyone can recompute with any SHA-256 tool. The pool is fingerprinted by the SHA-256 of
its canonical lines, so a changed pool is detected when the draw is verified. Pure: no database.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Iterable


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rank(seed: str, *parts: object) -> bytes:
    """``SHA-256("<seed>|<part>|<part>…")`` as bytes (smaller ranks are drawn first)."""
    text = "|".join([seed, *(str(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).digest()


def ranker(seed: str, tag: str) -> Callable[[object], bytes]:
    """``ranker(seed, tag)(x) == rank(seed, tag, x)``, reusing the hashed prefix (hot loops)."""
    base = hashlib.sha256(f"{seed}|{tag}|".encode())

    def _rank(x: object) -> bytes:
        h = base.copy()
        h.update(str(x).encode("utf-8"))
        return h.digest()

    return _rank


def draw_k(seed: str, tag: str, members: Iterable[object], k: int) -> list[object]:
    """The ``k`` members of smallest rank, in rank order (all of them when ``k`` ≥ the pool)."""
    if k <= 0:
        return []
    r = ranker(seed, tag)
    return [m for _, m in heapq.nsmallest(k, [(r(m), m) for m in members])]


def lines_hash(lines: Iterable[str]) -> str:
    """SHA-256 of the pool's canonical lines joined by ``\\n`` (the caller fixes their order)."""
    return sha256_text("\n".join(lines))
