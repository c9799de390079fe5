"""What the search finds of the news app (registered in NewsConfig.ready(), search/registry.py): news items and
uploaded publications (with the text of their PDF). A scheduled item is written to the index as not public and
indexed again when its time comes (news.tasks.release_scheduled)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import NewsItem, Publication
from search.registry import Entry, Indexer, published_ids, register


def news_entries(queryset):
    queryset = queryset.select_related("cooperation")
    public = published_ids(queryset)
    for item in queryset:
        day = timezone.localdate(item.published_at) if item.published_at else None
        yield Entry(
            obj=item,
            cooperation_id=item.cooperation_id,
            title=item.title,
            url=item.get_absolute_url(),
            published=item.pk in public,
            body="\n".join(part for part in (item.lead, item.body, item.image_alt) if part),
            date=day,
            year=day.year if day else None,
        )


def publication_entries(queryset):
    queryset = queryset.select_related("cooperation")
    public = published_ids(queryset)
    for publication in queryset:
        yield Entry(
            obj=publication,
            cooperation_id=publication.cooperation_id,
            title=publication.title,
            url=publication.get_absolute_url(),
            published=publication.pk in public,
            body=publication.description,
            date=publication.date,
            year=publication.date.year,
        )


NEWS = Indexer(kind="news", label=_("News"), model=NewsItem, entries=news_entries, order=90)
PUBLICATIONS = Indexer(
    kind="publication",
    label=_("Publications"),
    model=Publication,
    entries=publication_entries,
    order=95,
    file_fields=("file",),
)


def register_indexers():
    register(NEWS)
    register(PUBLICATIONS)
