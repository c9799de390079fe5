"""Reads of news and publications: what a user may see, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from core import released
from news.models import NewsItem, Publication


def news_for(cooperation, user):
    """The cooperation's news `user` may see: the published ones, and drafts and scheduled ones for its staff."""
    return NewsItem.objects.visible_to(user).filter(cooperation=cooperation).select_related("cooperation")


def published_news(cooperation):
    return NewsItem.objects.published().filter(cooperation=cooperation).select_related("cooperation")


def latest_news(cooperation, count: int = 3) -> list[NewsItem]:
    """The latest published news, for the overview."""
    return list(published_news(cooperation)[:count])


@dataclass(frozen=True)
class Entry:
    """One row of the publications page or one entry of a feed: an uploaded publication, a released
    document of another app, or a news item."""

    title: str
    url: str
    date: dt.date
    kind: str
    kind_label: str
    key: str
    summary: str = ""
    updated: dt.datetime | None = None
    is_demo: bool = False
    is_draft: bool = False
    upload_pk: int | None = None  # an uploaded Publication's id (None for released documents and news)


def _kind_label(code: str) -> str:
    try:
        return str(Publication.Kind(code).label)
    except ValueError:
        return code


def publication_entries(cooperation, user=None) -> list[Entry]:
    """Uploaded publications `user` may see and every app's released documents, newest first."""
    now = timezone.now()
    rows = [
        Entry(
            title=p.title,
            url=p.get_absolute_url(),
            date=p.date,
            kind=p.kind,
            kind_label=p.get_kind_display(),
            key=f"news.publication:{p.pk}",
            summary=p.description,
            updated=p.published_at,
            is_demo=p.is_demo,
            is_draft=p.published_at is None or p.published_at > now,
            upload_pk=p.pk,
        )
        for p in Publication.objects.visible_to(user).filter(cooperation=cooperation).select_related("cooperation")
    ]
    rows.extend(
        Entry(
            title=r.title,
            url=r.url,
            date=r.date,
            kind=r.kind,
            kind_label=_kind_label(r.kind),
            key=r.key,
            summary=r.summary,
        )
        for r in released.releases(cooperation)
    )
    return sorted(rows, key=lambda e: (e.date, e.key), reverse=True)


def feed_entries(cooperation, limit: int = 30) -> list[Entry]:
    """What the cooperation's feeds carry: published news and publications (anonymous view), newest first."""
    news = [
        Entry(
            title=n.title,
            url=n.get_absolute_url(),
            date=timezone.localdate(n.published_at),
            kind="news",
            kind_label="",
            key=f"news.newsitem:{n.pk}",
            summary=n.lead,
            updated=n.updated_at,
            is_demo=n.is_demo,
        )
        for n in published_news(cooperation)[:limit]
    ]
    return sorted(news + publication_entries(cooperation)[:limit], key=lambda e: (e.date, e.key), reverse=True)[:limit]
