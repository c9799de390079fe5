"""Writing the index: the entries of saved objects (called on every save through search.registry's
signals, and by `manage.py reindex`), removing deleted ones, and the text of uploaded files."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import QuerySet

from search import registry
from search.backends import backend, clean_body
from search.models import DocumentText, SearchEntry
from search.text import normalise_identifier

log = logging.getLogger(__name__)
CHUNK = 500


def pks_of(objects) -> list:
    if objects is None:
        return []
    if isinstance(objects, QuerySet):
        return list(objects.values_list("pk", flat=True))
    if hasattr(objects, "pk"):
        return [objects.pk]
    return [o.pk for o in objects if o is not None and o.pk is not None]


def object_deleted(indexer: registry.Indexer, pk) -> None:
    key = indexer.model_key
    ids = list(SearchEntry.objects.filter(model=key, object_id=pk).values_list("pk", flat=True))
    backend().remove(ids)
    SearchEntry.objects.filter(pk__in=ids).delete()
    DocumentText.objects.filter(model=key, object_id=pk).delete()


def index_pks(indexer: registry.Indexer, pks: list) -> int:
    """(Re)write the entries of the objects `pks` of the indexer's model; returns how many were written."""
    written = 0
    db = backend()
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        key = indexer.model_key
        queryset = indexer.model._base_manager.filter(pk__in=chunk)
        entries = [e for e in indexer.entries(queryset) if e is not None]
        texts = {}
        if indexer.file_fields:
            for row in DocumentText.objects.filter(model=key, object_id__in=chunk).order_by("field"):
                texts.setdefault(row.object_id, []).append(row.text)
        with transaction.atomic():
            old = list(SearchEntry.objects.filter(model=key, object_id__in=chunk).values_list("pk", flat=True))
            db.remove(old)
            SearchEntry.objects.filter(pk__in=old).delete()
            rows = [_row(indexer, e, texts.get(e.obj.pk, [])) for e in entries]
            SearchEntry.objects.bulk_create(rows)
            if hasattr(db, "add_entries"):
                db.add_entries(rows)
            else:
                db.add([r.pk for r in rows])
        written += len(rows)
    return written


def _row(indexer, e: registry.Entry, file_texts: list[str]) -> SearchEntry:
    body = "\n".join([e.body or "", *file_texts]).strip()
    identifiers = [normalise_identifier(i) for i in e.identifiers if i]
    return SearchEntry(
        cooperation_id=e.cooperation_id,
        kind=indexer.kind,
        model=indexer.model_key,
        object_id=e.obj.pk,
        title=str(e.title)[:500],
        body=clean_body(body),
        url=e.url[:500],
        date=e.date,
        year=e.year or (e.date.year if e.date else None),
        body_name=str(e.body_name)[:200],
        municipality=str(e.municipality)[:200],
        identifiers="\n".join(i for i in identifiers if i),
        published=bool(e.published),
        is_decision=e.is_decision,
        reference=e.reference[:60],
        case_number=e.case_number[:100],
        outcome=str(e.outcome)[:200],
        extract_url=e.extract_url[:500],
    )


def reindex(kinds: list[str] | None = None) -> dict[str, int]:
    """Rebuild the index of every registered kind (or of `kinds`): what `manage.py reindex` does."""
    counts = {}
    for indexer in registry.indexers():
        if kinds and indexer.kind not in kinds:
            continue
        pks = list(indexer.model._base_manager.order_by("pk").values_list("pk", flat=True))
        stale = SearchEntry.objects.filter(model=indexer.model_key).exclude(object_id__in=pks)
        stale_ids = list(stale.values_list("pk", flat=True))
        backend().remove(stale_ids)
        SearchEntry.objects.filter(pk__in=stale_ids).delete()
        counts[indexer.kind] = index_pks(indexer, pks)
    return counts


# --- Text of uploaded files ---------------------------------------------------------------------


def extract_and_index(kind: str, pk: int, field: str) -> str:
    """Read the text of one file field (PDF or DOCX) into DocumentText and re-index its object."""
    from search.extract import extract

    indexer = registry.get(kind)
    if indexer is None or field not in indexer.file_fields:
        return ""
    obj = indexer.model._base_manager.filter(pk=pk).first()
    if obj is None:
        return ""
    file = getattr(obj, field)
    text = extract(file) if file else ""
    DocumentText.objects.update_or_create(
        model=indexer.model_key,
        object_id=pk,
        field=field,
        defaults={"name": file.name if file else "", "text": text},
    )
    index_pks(indexer, [pk])
    return text
