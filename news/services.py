"""Writes of news and publications (see core/services.py for the conventions)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from core.services import audited_delete, audited_save, require_permission
from news import audit
from news.models import NewsItem, Publication

NEWS_FIELDS = ("title", "lead", "body", "image", "image_alt", "published_at")
PUBLICATION_FIELDS = ("title", "kind", "date", "description", "file", "published_at")


def _apply(obj, fields: tuple[str, ...], values: dict) -> None:
    for name, value in values.items():
        if name not in fields:
            raise TypeError(f"Unknown field {name!r}")
        setattr(obj, name, value)


@transaction.atomic
def news_create(*, actor, cooperation, is_demo: bool = False, **values) -> NewsItem:
    item = NewsItem(cooperation=cooperation, is_demo=is_demo)
    _apply(item, NEWS_FIELDS, values)
    require_permission(actor, "add", item)
    return audited_save(item, actor=actor, action=audit.NEWS_SAVED)


@transaction.atomic
def news_update(*, actor, item: NewsItem, **values) -> NewsItem:
    require_permission(actor, "change", item)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    _apply(item, NEWS_FIELDS, values)
    return audited_save(item, actor=actor, action=audit.NEWS_SAVED)


@transaction.atomic
def news_delete(*, actor, item: NewsItem) -> None:
    require_permission(actor, "delete", item)
    audited_delete(item, actor=actor, action=audit.NEWS_DELETED)


@transaction.atomic
def publication_create(*, actor, cooperation, is_demo: bool = False, **values) -> Publication:
    publication = Publication(cooperation=cooperation, is_demo=is_demo)
    _apply(publication, PUBLICATION_FIELDS, values)
    require_permission(actor, "add", publication)
    return audited_save(publication, actor=actor, action=audit.PUBLICATION_SAVED)


@transaction.atomic
def publication_update(*, actor, publication: Publication, **values) -> Publication:
    require_permission(actor, "change", publication)
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _apply(publication, PUBLICATION_FIELDS, values)
    return audited_save(publication, actor=actor, action=audit.PUBLICATION_SAVED)


@transaction.atomic
def publication_delete(*, actor, publication: Publication) -> None:
    require_permission(actor, "delete", publication)
    audited_delete(publication, actor=actor, action=audit.PUBLICATION_DELETED)


def publish_time(choice: str, at: dt.datetime | None, current: dt.datetime | None, now: dt.datetime):
    """The publication time a form's choice means: "draft" -> None, "now" -> the current time if already
    published (a correction keeps its date) else `now`, "at" -> `at`."""
    if choice == "draft":
        return None
    if choice == "now":
        return current if current is not None and current <= now else now
    return at
