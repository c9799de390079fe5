"""Pages of news and publications. Thin: reads through selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import can
from core.forms import add_service_errors
from core.uploads import download_name, file_response
from news import selectors, services
from news.forms import NewsForm, PublicationForm, initial_publish
from news.models import NewsItem, Publication
from organisations.decorators import with_cooperation

PAGE_SIZE = 20


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("sida"))


@with_cooperation
def index(request, cooperation):
    page = _page(request, selectors.news_for(cooperation, request.user))
    return render(
        request,
        "news/index.html",
        {
            "page": page,
            "may_add": can(request.user, "add", NewsItem(cooperation=cooperation)),
        },
    )


@with_cooperation
def detail(request, cooperation, pk, title_slug=None):
    item = get_object_or_404(selectors.news_for(cooperation, request.user), pk=pk)
    if title_slug != item.slug:
        return redirect(item.get_absolute_url(), permanent=item.is_published)
    return render(
        request,
        "news/detail.html",
        {
            "item": item,
            "may_change": can(request.user, "change", item),
        },
    )


@with_cooperation
def image(request, cooperation, pk):
    item = get_object_or_404(selectors.news_for(cooperation, request.user), pk=pk)
    return file_response(item.image, download_name(item.slug, item.image))


@with_cooperation
def publications(request, cooperation):
    page = _page(request, selectors.publication_entries(cooperation, request.user))
    return render(
        request,
        "news/publications.html",
        {
            "page": page,
            "may_add": can(request.user, "add", Publication(cooperation=cooperation)),
            # who may change an upload is decided by its cooperation alone (news/rules.py): one answer for all rows
            "may_change": can(request.user, "change", Publication(cooperation=cooperation)),
        },
    )


@with_cooperation
def publication_file(request, cooperation, pk):
    publication = get_object_or_404(Publication.objects.visible_to(request.user).filter(cooperation=cooperation), pk=pk)
    return file_response(publication.file, download_name(publication.title, publication.file))


def _publish_time(form, current=None):
    return services.publish_time(
        form.cleaned_data["publish"], form.cleaned_data.get("publish_at"), current, timezone.now()
    )


@login_required
@with_cooperation
def news_create(request, cooperation):
    if not can(request.user, "add", NewsItem(cooperation=cooperation)):
        raise Http404
    form = NewsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.news_create(
                actor=request.user,
                cooperation=cooperation,
                title=data["title"],
                lead=data["lead"],
                body=data["body"],
                image=data["image"] or "",
                image_alt=data["image_alt"],
                published_at=_publish_time(form),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The news item was saved."))
            return redirect(item.get_absolute_url())
    return render(request, "news/news_form.html", {"form": form, "item": None})


@login_required
@with_cooperation
def news_edit(request, cooperation, pk):
    item = get_object_or_404(NewsItem.objects.filter(cooperation=cooperation), pk=pk)
    if not can(request.user, "change", item):
        raise Http404
    initial = {
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "image_alt": item.image_alt,
        **initial_publish(item.published_at),
    }
    form = NewsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "title": data["title"],
            "lead": data["lead"],
            "body": data["body"],
            "image_alt": data["image_alt"],
            "published_at": _publish_time(form, item.published_at),
        }
        if data["image"]:
            values["image"] = data["image"]
        elif data["remove_image"]:
            values["image"] = ""
        try:
            item = services.news_update(actor=request.user, item=item, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The news item was saved."))
            return redirect(item.get_absolute_url())
    return render(request, "news/news_form.html", {"form": form, "item": item})


@login_required
@require_POST
@with_cooperation
def news_delete(request, cooperation, pk):
    item = get_object_or_404(NewsItem.objects.filter(cooperation=cooperation), pk=pk)
    if not can(request.user, "delete", item):
        raise Http404
    services.news_delete(actor=request.user, item=item)
    messages.success(request, _("The news item was deleted."))
    return redirect("news:index", cooperation.slug)


@login_required
@with_cooperation
def publication_create(request, cooperation):
    if not can(request.user, "add", Publication(cooperation=cooperation)):
        raise Http404
    form = PublicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["file"]:
            form.add_error("file", _("Choose the PDF file to publish."))
        else:
            try:
                services.publication_create(
                    actor=request.user,
                    cooperation=cooperation,
                    title=data["title"],
                    kind=data["kind"],
                    date=data["date"],
                    description=data["description"],
                    file=data["file"],
                    published_at=_publish_time(form),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The publication was saved."))
                return redirect("news:publications", cooperation.slug)
    return render(request, "news/publication_form.html", {"form": form, "publication": None})


@login_required
@with_cooperation
def publication_edit(request, cooperation, pk):
    publication = get_object_or_404(Publication.objects.filter(cooperation=cooperation), pk=pk)
    if not can(request.user, "change", publication):
        raise Http404
    initial = {
        "title": publication.title,
        "kind": publication.kind,
        "date": publication.date,
        "description": publication.description,
        **initial_publish(publication.published_at),
    }
    form = PublicationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "title": data["title"],
            "kind": data["kind"],
            "date": data["date"],
            "description": data["description"],
            "published_at": _publish_time(form, publication.published_at),
        }
        if data["file"]:
            values["file"] = data["file"]
        try:
            services.publication_update(actor=request.user, publication=publication, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The publication was saved."))
            return redirect("news:publications", cooperation.slug)
    return render(request, "news/publication_form.html", {"form": form, "publication": publication})


@login_required
@require_POST
@with_cooperation
def publication_delete(request, cooperation, pk):
    publication = get_object_or_404(Publication.objects.filter(cooperation=cooperation), pk=pk)
    if not can(request.user, "delete", publication):
        raise Http404
    services.publication_delete(actor=request.user, publication=publication)
    messages.success(request, _("The publication was deleted."))
    return redirect("news:publications", cooperation.slug)
