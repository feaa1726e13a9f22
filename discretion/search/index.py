"""An in-memory BM25F index over the texts of catalogued violations. Pure: no database.

Every violation is one document made of weighted fields (its name and officer keywords weigh most, then
the linked enforcement item, the statute texts, the tier descriptions and the indexed case facts). A
query is segmented like the documents, expanded with the synonym table (officer words → law words),
typos are mapped to the nearest indexed word (one character edit), and when words find little the
character bigrams of the query are scored as a fallback, so an answer is never blank.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import text as T

FIELD_WEIGHTS: dict[str, float] = {
    "name": 3.0,
    "keywords": 2.5,
    "item": 1.5,
    "provision": 1.0,
    "penalty": 0.6,
    "tiers": 0.8,
    "cases": 1.2,
}
# Fields shown to the officer on a hit; only words found in them are highlighted (never case texts).
DISPLAY_FIELDS = ("name", "keywords", "provision", "item")
K1 = 1.2
B = 0.6
SYNONYM_WEIGHT = 0.8
TYPO_WEIGHT = 0.6
BIGRAM_WEIGHT = 0.35
WEAK_COVERAGE = 0.5


@dataclass(frozen=True)
class Doc:
    """One violation as the index sees it."""

    violation_id: int
    version_id: int
    fields: dict[str, str]


@dataclass(frozen=True)
class SynonymEntry:
    """One row of the synonym table: any of ``officer_terms`` in a query also searches ``law_terms``."""

    group: str
    officer_terms: tuple[str, ...]
    law_terms: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    violation_id: int
    score: float
    matched: tuple[str, ...]  # words to highlight in the displayed texts


@dataclass(frozen=True)
class Result:
    hits: tuple[Hit, ...]
    weak: bool  # nothing ranked well: the page says so and offers the closest violations


@dataclass
class SearchIndex:
    signature: str = ""
    doc_ids: list[int] = field(default_factory=list)
    doc_versions: list[int] = field(default_factory=list)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    bigram_postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    display_terms: list[frozenset[str]] = field(default_factory=list)
    doc_terms: list[frozenset[str]] = field(default_factory=list)
    deletions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)

    @classmethod
    def build(
        cls, docs: Sequence[Doc], synonyms: Iterable[SynonymEntry] = (), signature: str = ""
    ) -> SearchIndex:
        syn = [
            (
                tuple(t for t in (T.normalise(x).strip() for x in s.officer_terms) if t),
                tuple(s.law_terms),
            )
            for s in synonyms
        ]
        T.add_words(w for officer, law in syn for w in (*officer, *law))
        idx = cls(
            signature=signature,
            synonyms=[(o, tuple(_dedupe(t for w in law for t in T.tokens(w)))) for o, law in syn],
        )
        term_tf: list[dict[str, float]] = []
        gram_tf: list[dict[str, float]] = []
        for d in docs:
            tf: dict[str, float] = defaultdict(float)
            shown: set[str] = set()
            grams: dict[str, float] = defaultdict(float)
            for name, weight in FIELD_WEIGHTS.items():
                body = d.fields.get(name, "")
                if not body:
                    continue
                toks = T.tokens(body)
                for t in toks:
                    tf[t] += weight
                if name in DISPLAY_FIELDS:
                    shown.update(toks)
                for g in T.bigrams(body):
                    grams[g] += weight
            idx.doc_ids.append(d.violation_id)
            idx.doc_versions.append(d.version_id)
            idx.display_terms.append(frozenset(shown))
            idx.doc_terms.append(frozenset(tf))
            term_tf.append(tf)
            gram_tf.append(grams)
        idx.postings = _bm25_postings(term_tf)
        idx.bigram_postings = _bm25_postings(gram_tf)
        deletions: dict[str, set[str]] = defaultdict(set)
        for term in idx.postings:
            if 2 <= len(term) <= 8:
                for variant in _deletions(term):
                    deletions[variant].add(term)
        idx.deletions = {k: tuple(sorted(v)) for k, v in deletions.items()}
        return idx

    def __len__(self) -> int:
        return len(self.doc_ids)

    def expand(self, query: str) -> tuple[list[str], dict[str, float]]:
        """The query's own words and every word searched with its weight (synonyms, typo corrections)."""
        norm = T.normalise(query)
        own = _dedupe(T.tokens(query))
        weights: dict[str, float] = {}
        for t in own:
            if t in self.postings:
                weights[t] = 1.0
            else:
                for fix in self._typo(t):
                    weights.setdefault(fix, TYPO_WEIGHT)
        for officer, law in self.synonyms:
            if any(o and o in norm for o in officer):
                for t in law:
                    if weights.get(t, 0.0) < SYNONYM_WEIGHT:
                        weights[t] = max(weights.get(t, 0.0), SYNONYM_WEIGHT)
        return own, weights

    def _typo(self, term: str) -> list[str]:
        if not (2 <= len(term) <= 8):
            return []
        found: set[str] = set()
        for variant in (term, *_deletions(term)):
            found.update(x for x in self.deletions.get(variant, ()) if abs(len(x) - len(term)) <= 1)
        found.discard(term)
        return sorted(found)[:5]

    def search(self, query: str, *, versions: set[int] | None = None, limit: int = 30) -> Result:
        own, weights = self.expand(query)
        scores: dict[int, float] = {}
        get = scores.get
        for term, qw in weights.items():
            for doc, w in self.postings.get(term, ()):
                scores[doc] = get(doc, 0.0) + qw * w
        allowed = self._allowed(scores, versions)
        coverage = 0.0
        if allowed:
            top = max(allowed, key=scores.__getitem__)
            coverage = _coverage(own, weights, self.doc_terms[top], self.synonyms, T.normalise(query))
        weak = not allowed or coverage < WEAK_COVERAGE
        if weak:
            for g in _dedupe(T.bigrams(query)):
                for doc, w in self.bigram_postings.get(g, ()):
                    scores[doc] = get(doc, 0.0) + BIGRAM_WEIGHT * w
            allowed = self._allowed(scores, versions)
        # best scores first, ties in document (= violation id) order: nlargest keeps the input order
        ranked = heapq.nlargest(limit, sorted(allowed), key=scores.__getitem__)
        hits = tuple(
            Hit(
                violation_id=self.doc_ids[d],
                score=round(scores[d], 4),
                matched=tuple(
                    sorted((t for t in weights if t in self.display_terms[d]), key=len, reverse=True)
                ),
            )
            for d in ranked
        )
        return Result(hits=hits, weak=weak)

    def _allowed(self, scores: dict[int, float], versions: set[int] | None) -> list[int]:
        if versions is None:
            return list(scores)
        dv = self.doc_versions
        return [d for d in scores if dv[d] in versions]


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


def _bm25_postings(tfs: Sequence[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
    n = len(tfs)
    if not n:
        return {}
    lengths = [sum(tf.values()) for tf in tfs]
    avg = (sum(lengths) / n) or 1.0
    df: Counter[str] = Counter()
    for tf in tfs:
        df.update(tf.keys())
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for doc, tf in enumerate(tfs):
        norm = K1 * (1 - B + B * lengths[doc] / avg)
        for term, f in tf.items():
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            postings[term].append((doc, idf * f * (K1 + 1) / (f + norm)))
    return dict(postings)


def _coverage(
    own: list[str],
    weights: dict[str, float],
    matched: frozenset[str],
    synonyms: list[tuple[tuple[str, ...], tuple[str, ...]]],
    norm_query: str,
) -> float:
    """Share of the query's own words the best document answers (directly, by a typo fix or by a
    synonym whose officer phrase contains the word)."""
    if not own:
        return 0.0
    answered = 0
    for t in own:
        if t in matched:
            answered += 1
            continue
        if any(
            t in o and set(law) & matched for officer, law in synonyms for o in officer if o in norm_query
        ):
            answered += 1
    return answered / len(own)
