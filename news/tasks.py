"""Background tasks of the news app (django-tasks; the worker runs them, core.schedule enqueues them)."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from core import freshness
from news import search
from news.models import NewsItem, Publication
from search import index

#: How often the worker looks for news and publications whose scheduled time has come.
RELEASE_CHECK = dt.timedelta(minutes=5)


def scheduled_now_public(now=None, window: dt.timedelta = RELEASE_CHECK * 3) -> dict:
    """{model: [(pk, cooperation id)]} of the items that became public within `window` before `now`."""
    now = now or timezone.now()
    return {
        model: list(
            model.objects.filter(published_at__gt=now - window, published_at__lte=now).values_list(
                "pk", "cooperation_id"
            )
        )
        for model in (NewsItem, Publication)
    }


@task()
def release_scheduled() -> int:
    """Scheduled news and publications whose time has just come: no write happens at that moment, so their
    cooperations' cached pages and feeds are marked changed (core/freshness.py) and their search entries are
    written again, now public."""
    found = scheduled_now_public()
    cooperations = {coop for rows in found.values() for _pk, coop in rows}
    for cooperation_id in cooperations:
        freshness.bump(cooperation_id)
    for indexer, model in ((search.NEWS, NewsItem), (search.PUBLICATIONS, Publication)):
        pks = [pk for pk, _coop in found[model]]
        if pks:
            index.index_pks(indexer, pks)
    return len(cooperations)
