"""Documents rendered once per content version, stored, and served from the stored copy.

A document view checks who may see the object first (publication, roles: each app's selectors), then calls

    stored_file(request, cooperation=cooperation, name=f"plans.plan:{plan.pk}", filename=..., content_type=...,
                render=lambda: render_document_pdf(documents.plan_document(plan)))

The bytes are kept in Django's cache under a key of the cooperation's content version (core.freshness), the
document's name and whether the reader sees the cooperation's drafts; a write bumps the version, so the next
download renders again, once. Later downloads are served from the stored copy (with a strong ETag, and 304 on
If-None-Match). Documents are built inside `translation.override("sv")` and know no user, so one copy serves
every reader of the same class.

A document that takes longer than a request should (the key-figure report) is built in the background: the
view names a registered renderer (`register("kpi.report", fn)`, in the app's AppConfig.ready()) and its
JSON parameters; on a miss the task `core.tasks.build_document` is enqueued once and the reader gets a
"being prepared" page (202, refreshing itself every few seconds) until the copy is there. The request worker
never renders it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render as render_page
from django.utils import timezone
from django.utils.http import content_disposition_header
from django_tasks import task

from core import freshness
from core.publication import sees_drafts_of

DOC_PREFIX = "samverkan:doc:"
BUILDING_PREFIX = "samverkan:doc-building:"
#: A stored copy is kept this long at most (a newer content version replaces it sooner).
TIMEOUT = 7 * 24 * 3600
#: How long a background build may take before another request may enqueue it again.
BUILD_LEASE = 10 * 60
REFRESH_SECONDS = 3

#: name -> fn(**params) -> bytes: the documents that are built in the background.
_renderers: dict[str, Callable[..., bytes]] = {}


def register(name: str, renderer: Callable[..., bytes]) -> None:
    _renderers[name] = renderer


def renderer(name: str) -> Callable[..., bytes]:
    return _renderers[name]


def document_key(*, cooperation, name: str, public: bool, params=None) -> str:
    """The key of this document at the current content version for this class of reader (`public`: the reader
    sees only what is published)."""
    audience = "public" if public else "staff"
    version = freshness.version_for(getattr(cooperation, "pk", cooperation))
    raw = "\n".join([version, timezone.localdate().isoformat(), audience, name, repr(sorted((params or {}).items()))])
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def get(key: str) -> bytes | None:
    return freshness.cache().get(DOC_PREFIX + key)


def put(key: str, content: bytes) -> None:
    freshness.cache().set(DOC_PREFIX + key, content, timeout=getattr(settings, "SAMVERKAN_DOCUMENT_SECONDS", TIMEOUT))


def _file_response(request, content: bytes, key: str, *, filename: str, content_type: str, inline: bool, public: bool):
    etag = f'"{key}"'
    wanted = {tag.strip() for tag in request.META.get("HTTP_IF_NONE_MATCH", "").split(",")}
    if etag in wanted or f"W/{etag}" in wanted:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["ETag"] = etag
    # The browser keeps it and asks again with the ETag. The public copy (what an anonymous reader gets) is kept
    # by the page cache too (core.pagecache), which marks it `no-cache` (shared caches may keep it and ask again);
    # the staff copy, which may hold drafts, is private.
    if not public:
        response["Cache-Control"] = "private, no-cache"
    return response


def stored_file(
    request,
    *,
    cooperation,
    name: str,
    filename: str,
    content_type: str,
    render=None,
    background: tuple[str, dict] | None = None,
    inline: bool = False,
):
    """The document `name` of `cooperation` as a download: from the store, or rendered now (`render()` -> bytes)
    and stored, or (with `background=(renderer name, params)`) built by the worker behind a "being prepared" page.
    The caller has already checked that `request.user` may see it."""
    params = background[1] if background else None
    public = not sees_drafts_of(request.user, cooperation)
    key = document_key(cooperation=cooperation, name=name, public=public, params=params)
    content = get(key)
    if content is None and background is None:
        content = render()
        put(key, content)
    if content is None:
        enqueue(key, *background)
        content = get(key)  # a backend that runs tasks at once (the tests) has built it already
    if content is None:
        return pending(request)
    return _file_response(
        request, content, key, filename=filename, content_type=content_type, inline=inline, public=public
    )


def enqueue(key: str, renderer_name: str, params: dict) -> bool:
    """Enqueue the build once (a lease in the cache), unless one is already running."""
    if not freshness.cache().add(BUILDING_PREFIX + key, True, timeout=BUILD_LEASE):
        return False
    build_document.enqueue(key, renderer_name, params)
    return True


@task()
def build_document(key: str, renderer_name: str, params: dict) -> None:
    """Render a registered document and store it under `key` (run by the worker)."""
    try:
        put(key, renderer(renderer_name)(**params))
    finally:
        freshness.cache().delete(BUILDING_PREFIX + key)


def pending(request):
    response = render_page(request, "core/document_pending.html", {"refresh": REFRESH_SECONDS}, status=202)
    response["Retry-After"] = str(REFRESH_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
