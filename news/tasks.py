"""Background tasks of the news app (django-tasks; the worker runs them, core.schedule enqueues them)."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from core import freshness
from news.models import NewsItem, Publication

#: How often the worker looks for news and publications whose scheduled time has come.
RELEASE_CHECK = dt.timedelta(minutes=5)


def scheduled_now_public(now=None, window: dt.timedelta = RELEASE_CHECK * 3) -> set[int]:
    """The cooperations with an item that became public within `window` before `now`: no write happens at that
    moment, so their cached pages (and feeds) are marked changed here (core/freshness.py)."""
    now = now or timezone.now()
    ids: set[int] = set()
    for model in (NewsItem, Publication):
        ids.update(
            model.objects.filter(published_at__gt=now - window, published_at__lte=now).values_list(
                "cooperation_id", flat=True
            )
        )
    return ids


@task()
def release_scheduled() -> int:
    """Mark the pages of cooperations changed whose scheduled news or publications have just become public."""
    ids = scheduled_now_public()
    for cooperation_id in ids:
        freshness.bump(cooperation_id)
    return len(ids)
