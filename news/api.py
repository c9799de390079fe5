"""News and publications in the JSON API (read only; written on the site's pages)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from core.api import Pagination
from news import selectors
from organisations.models import Cooperation

router = Router(tags=["news"])


class NewsOut(Schema):
    id: int
    title: str
    lead: str
    body: str
    published_at: dt.datetime | None
    url: str
    image_url: str | None
    image_alt: str
    is_demo: bool

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_image_url(obj):
        from django.urls import reverse

        return reverse("news:image", args=[obj.cooperation.slug, obj.pk]) if obj.image else None


class PublicationOut(Schema):
    title: str
    url: str
    date: dt.date
    kind: str
    kind_label: str
    summary: str
    is_demo: bool


@router.get("/cooperations/{slug}/news", response=list[NewsOut], summary="Nyheter")
@paginate(Pagination)
def list_news(request, slug: str):
    cooperation = get_object_or_404(Cooperation, slug=slug)
    return selectors.news_for(cooperation, request.user)


@router.get("/cooperations/{slug}/publications", response=list[PublicationOut], summary="Publikationer")
@paginate(Pagination)
def list_publications(request, slug: str):
    cooperation = get_object_or_404(Cooperation, slug=slug)
    return selectors.publication_entries(cooperation, request.user)
