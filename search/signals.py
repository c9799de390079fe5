"""What a save or delete of an indexed object does (wired in search/apps.py to search.registry's hooks):
the object's entry is written at once, and the text of a newly uploaded file is extracted in a background
job (search.tasks) once the upload's transaction has committed."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from search import index, registry
from search.models import DocumentText
from search.tasks import extract_text


def objects_saved(indexer: registry.Indexer, objects) -> None:
    pks = index.pks_of(objects)
    if pks:
        index.index_pks(indexer, pks)
    if indexer.file_fields and objects is not None and not isinstance(objects, QuerySet):
        for obj in objects if isinstance(objects, list | tuple) else [objects]:
            if isinstance(obj, indexer.model):
                enqueue_extraction(indexer, obj)


def object_deleted(indexer: registry.Indexer, pk) -> None:
    index.object_deleted(indexer, pk)


def enqueue_extraction(indexer: registry.Indexer, obj) -> None:
    """Queue the extraction of each file field whose file changed since its text was last read."""
    stored = dict(DocumentText.objects.filter(model=indexer.model_key, object_id=obj.pk).values_list("field", "name"))
    for name in indexer.file_fields:
        file = getattr(obj, name, None)
        current = file.name if file else ""
        if stored.get(name, "") != current:
            transaction.on_commit(lambda n=name, pk=obj.pk: extract_text.enqueue(indexer.kind, pk, n), robust=True)
