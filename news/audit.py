"""Audit action codes of the news app (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

NEWS_SAVED = register("samverkan.news.news_item.saved", _("News item saved"))
NEWS_DELETED = register("samverkan.news.news_item.deleted", _("News item deleted"))
PUBLICATION_SAVED = register("samverkan.news.publication.saved", _("Publication saved"))
PUBLICATION_DELETED = register("samverkan.news.publication.deleted", _("Publication deleted"))
