"""The search index of this process: built from the database, kept in memory and on disk, rebuilt when
the catalogue, synonyms, case texts or a benchmark version change.

The index is identified by a signature read in one query (the change token that the maintaining
services renew, plus the count and highest id of violations, which catches bulk loads). A process whose
index is stale keeps answering with it while a Celery task builds the new one, unless the catalogue is
small enough to rebuild inline (``SYNC_REBUILD_LIMIT`` violations; the demo and tests).
"""

from __future__ import annotations

import logging
import pickle
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Subquery

from ..models import CaseFactText, SearchIndexState, Synonym, Tier, Violation
from .index import Doc, SearchIndex, SynonymEntry

log = logging.getLogger(__name__)

SYNC_REBUILD_LIMIT = 1500
_LOCK = threading.Lock()
_current: SearchIndex | None = None


def index_dir() -> Path:
    return Path(getattr(settings, "VAR_DIR", Path("var"))) / "search-index"


def mark_changed() -> None:
    """Renew the change token (call inside the transaction that changes searchable data)."""
    token = uuid.uuid4().hex
    updated = SearchIndexState.objects.filter(pk=1).update(token=token)
    if not updated:
        SearchIndexState.objects.update_or_create(pk=1, defaults={"token": token})
    schedule_rebuild()


def current_signature() -> str:
    """The signature of the data the index must reflect (one query)."""
    state = SearchIndexState.objects.filter(pk=1).values("token")[:1]
    row = Violation.objects.aggregate(n=Count("id"), top=Max("id"), token=Max(Subquery(state)))
    return f"{row['token'] or '-'}:{row['n']}:{row['top'] or 0}"


def collect_docs() -> list[Doc]:
    """Every violation (all versions) with the texts it is found by."""
    tiers: dict[int, list[str]] = {}
    for vid, name, text in Tier.objects.values_list("violation_id", "name", "conditions_text"):
        tiers.setdefault(vid, []).append(f"{name} {text}")
    cases: dict[str, list[str]] = {}
    for code, body in CaseFactText.objects.values_list("violation_code", "text"):
        cases.setdefault(code, []).append(body)
    docs = []
    rows = Violation.objects.values_list(
        "id",
        "version_id",
        "code",
        "act_code",
        "name",
        "keywords",
        "law",
        "violated_provision",
        "penalty_text",
        "enforcement_item__name",
    ).order_by("id")
    for vid, version_id, code, act, name, keywords, law, provision, penalty, item in rows:
        case_texts = cases.get(code, []) + (cases.get(act, []) if act != code else [])
        docs.append(
            Doc(
                violation_id=vid,
                version_id=version_id,
                fields={
                    "name": name,
                    "keywords": keywords,
                    "provision": f"{law} {provision}",
                    "penalty": penalty,
                    "item": item or "",
                    "tiers": " ".join(tiers.get(vid, [])),
                    "cases": " ".join(case_texts),
                },
            )
        )
    return docs


def synonym_entries() -> list[SynonymEntry]:
    return [
        SynonymEntry(s.group, Synonym.split(s.officer_terms), Synonym.split(s.law_terms))
        for s in Synonym.objects.order_by("id")
    ]


def build_index(signature: str | None = None) -> SearchIndex:
    """Build the index from the database and store it on disk under its signature."""
    signature = signature or current_signature()
    idx = SearchIndex.build(collect_docs(), synonym_entries(), signature=signature)
    _save(idx)
    return idx


def _path(signature: str) -> Path:
    return index_dir() / f"{signature.replace(':', '_')}.pickle"


def _save(idx: SearchIndex) -> None:
    try:
        folder = index_dir()
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{uuid.uuid4().hex}.tmp"
        tmp.write_bytes(pickle.dumps(idx, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(_path(idx.signature))
        for old in folder.glob("*.pickle"):
            if old != _path(idx.signature):
                old.unlink(missing_ok=True)
    except OSError:  # a read-only disk only costs the next process a rebuild
        log.warning("search index not persisted", exc_info=True)


def _load(signature: str) -> SearchIndex | None:
    path = _path(signature)
    if not path.exists():
        return None
    try:
        # our own file, written by build_index in this deployment's var directory
        idx = pickle.loads(path.read_bytes())  # noqa: S301
    except (OSError, pickle.PickleError, EOFError, AttributeError):
        return None
    return idx if isinstance(idx, SearchIndex) and idx.signature == signature else None


def _enqueue() -> None:
    from celery import current_app

    try:
        # by name: the task module imports this one
        current_app.send_task("discretion.tasks.rebuild_search_index_task")
    except Exception:  # broker down: the next stale search schedules again; searching goes on
        cache.delete("discretion:search-rebuild")
        log.warning("search index rebuild not queued", exc_info=True)


def schedule_rebuild() -> None:
    """Queue one rebuild after the current transaction commits (deduplicated for two minutes)."""
    if cache.add("discretion:search-rebuild", 1, timeout=120):
        transaction.on_commit(_enqueue)


def get_index() -> SearchIndex:
    """The index to answer with now: current if possible, the previous one while a large catalogue is
    rebuilt in the background, built inline when there is none or the catalogue is small."""
    global _current
    signature = current_signature()
    idx = _current
    if idx is not None and idx.signature == signature:
        return idx
    with _LOCK:
        if _current is not None and _current.signature == signature:
            return _current
        loaded = _load(signature)
        if loaded is not None:
            _current = loaded
            return loaded
        count = int(signature.split(":")[1])
        if _current is not None and count > SYNC_REBUILD_LIMIT:
            schedule_rebuild()
            return _current
        _current = build_index(signature)
        return _current


def install(idx: SearchIndex) -> None:
    """Make ``idx`` this process's index (the rebuild task, after building)."""
    global _current
    _current = idx
