"""Background jobs of the search (django-tasks): the text of an uploaded file is extracted after the
upload's transaction commits, then its object is re-indexed with it."""

from django_tasks import task

from search import index


@task()
def extract_text(kind: str, pk: int, field: str) -> int:
    """Extract the text of `field` of the `kind` indexer's object `pk`; returns the number of characters."""
    return len(index.extract_and_index(kind, pk, field))
