"""Atom and RSS feeds of a cooperation's news and publications (Django's syndication framework).

Only what anonymous users may see: published news, published uploads and the documents the apps release
by approving them (core/released.py). Example data carries the marker in its title.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from core.provenance import mark
from core.safetext import clean_text, single_line
from news import selectors
from organisations.access import get_cooperation_or_404


class NewsRss(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, slug):
        return get_cooperation_or_404(slug)

    def title(self, cooperation):
        return single_line(_("%(name)s: news and publications") % {"name": cooperation.name})

    def link(self, cooperation):
        return reverse("news:index", args=[cooperation.slug])

    def feed_url(self, cooperation):
        return reverse(f"news:{self.url_name}", args=[cooperation.slug])

    url_name = "feed_rss"

    def description(self, cooperation):
        return single_line(_("News and publications of %(name)s.") % {"name": cooperation.name})

    def items(self, cooperation):
        return selectors.feed_entries(cooperation)

    def item_title(self, entry):
        prefix = f"{entry.kind_label}: " if entry.kind_label else ""
        return single_line(mark(prefix + entry.title, entry.is_demo))

    def item_description(self, entry):
        return clean_text(entry.summary)

    def item_link(self, entry):
        return entry.url

    def item_guid(self, entry):
        return entry.url

    def item_pubdate(self, entry):
        return timezone.make_aware(dt.datetime.combine(entry.date, dt.time(12)))

    def item_updateddate(self, entry):
        return entry.updated or self.item_pubdate(entry)


class NewsAtom(NewsRss):
    feed_type = Atom1Feed
    url_name = "feed_atom"

    def subtitle(self, cooperation):
        return self.description(cooperation)
