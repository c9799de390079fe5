"""Who may write news and publish documents: the secretariat of the cooperation (and superusers)."""

from news import models as m
from organisations.permissions import register_scoped_model

register_scoped_model(m.NewsItem)
register_scoped_model(m.Publication)
