"""News and publications are written on the site's own pages (/<slug>/nyheter/); the admin is for rare
maintenance, scoped to the user's cooperations like every other register."""

from django.contrib import admin

from news import models as m
from organisations.admin import CooperationScopedAdmin


@admin.register(m.NewsItem)
class NewsItemAdmin(CooperationScopedAdmin):
    list_display = ["title", "cooperation", "published_at", "is_demo"]
    list_filter = ["cooperation"]
    search_fields = ["title", "lead"]


@admin.register(m.Publication)
class PublicationAdmin(CooperationScopedAdmin):
    list_display = ["title", "kind", "date", "cooperation", "published_at", "is_demo"]
    list_filter = ["cooperation", "kind"]
    search_fields = ["title", "description"]
