"""The page cache for anonymous visitors (pages, feeds, the public API), never stale after a write.

A GET from a visitor without a session (no cookie but the language cookie) is answered from Django's cache
under a key of: the content version (core.freshness: `global` plus the URL's cooperation, or `all` for a URL
of no cooperation), the UI language, the host and the full path with its query. Every write bumps the version
(core.freshness), so the next visitor after a write gets a freshly rendered page; nothing is ever invalidated
by hand and nothing waits for a timeout.

- Signed-in users (anyone with a session cookie) and every method but GET/HEAD pass through, always fresh.
- Only a 200 that sets no cookie, used no CSRF token, says nothing against caching (`never_cache`, `private`)
  and is of a text type (HTML, JSON, iCalendar, CSV) or a document (PDF, DOCX, XLSX) is stored. Documents are
  rendered once per content version by core.docstore; the public copy is kept here as well, so a repeated
  anonymous download costs a cache read, like a page (the document view, which loads the object and checks
  it, does not run again).
- Conditional GET: a stored page carries `ETag: W/"<key>"`; a request whose If-None-Match names the current
  key gets 304 from the version alone, without reading the page.
- Compression: the stored page keeps a gzip copy, sent to clients that accept gzip. Only these anonymous pages
  are compressed: they carry no secret (no CSRF token, no session), so BREACH has nothing to find; signed-in
  pages are never compressed.
"""

from __future__ import annotations

import gzip
import hashlib
import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from core import freshness
from core.middleware import language_of

PAGE_PREFIX = "samverkan:page:"
SLUG_PREFIX = "samverkan:slug:"
COMPRESSIBLE = (
    "text/html",
    "application/json",
    "text/calendar",
    "text/csv",
    "text/plain",
    "application/xml",
    "image/svg+xml",
)
#: Stored but not compressed (PDF streams are compressed already; DOCX and XLSX are zip files).
DOCUMENTS = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_API = re.compile(r"^/api/v\d+/cooperations/([-\w]+)(?:/|$)")
_PAGE = re.compile(r"^/([-\w]+)/")
_SKIP_HEADERS = {"set-cookie", "content-length", "content-encoding"}

#: (global version, slug) -> cooperation id, per process. A cooperation's slug changing bumps `global`.
_slug_memo: dict[tuple[str, str], int | None] = {}


def _setting(name, default):
    return getattr(settings, name, default)


def excluded_prefixes() -> tuple[str, ...]:
    return tuple(
        _setting(
            "SAMVERKAN_PAGE_CACHE_EXCLUDE",
            (
                "/admin/",
                "/konto/",
                "/static/",
                "/healthz",
                "/mina-uppgifter/",
                "/i18n/",
                "/api/v1/docs",
            ),
        )
    )


def eligible(request) -> bool:
    """May this request be answered from the cache (anonymous GET/HEAD, no cookie but language and CSRF)?"""
    if not _setting("SAMVERKAN_PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return False
    if request.META.get("HTTP_AUTHORIZATION"):
        return False  # an API token (or any credentials): the caller may see more than the public, never shared
    harmless = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    if any(name not in harmless for name in request.COOKIES):
        return False  # a session (signed in), messages waiting, …: always fresh
    return not request.path.startswith(excluded_prefixes())


def slug_of(path: str) -> str | None:
    match = _API.match(path)
    if match:
        return match.group(1)
    if path.startswith("/api/"):
        return None
    match = _PAGE.match(path)
    return match.group(1) if match else None


def _slug_key(global_version: str, slug: str) -> str:
    return f"{SLUG_PREFIX}{global_version}:{slug}"


def cooperation_id_of(path: str, global_version: str):
    """The cooperation of the URL, as learnt from an earlier response of the same slug (no database query: the
    view resolves the slug and sets `request.cooperation`, `learn` keeps it). Unknown: None, so the page is keyed
    on the version every write bumps, which is never stale, only emptied more often. Keyed by the global version,
    which every write of a cooperation bumps, so a slug given to another cooperation is learnt anew."""
    slug = slug_of(path)
    if slug is None:
        return None
    key = (global_version, slug)
    if key not in _slug_memo:
        found = freshness.cache().get(_slug_key(global_version, slug))
        if found is None:
            return None
        if len(_slug_memo) > 1000:
            _slug_memo.clear()
        _slug_memo[key] = found
    return _slug_memo[key]


def learn(request, global_version: str) -> None:
    cooperation = getattr(request, "cooperation", None)
    slug = slug_of(request.path)
    if cooperation is not None and slug is not None and getattr(cooperation, "slug", None) == slug:
        freshness.cache().set(_slug_key(global_version, slug), cooperation.pk, timeout=None)


def _hash(request, version: str) -> str:
    # Today's date too: a page that shows what is current or upcoming changes at midnight without any write.
    raw = "\n".join(
        [version, timezone.localdate().isoformat(), language_of(request), request.get_host(), request.get_full_path()]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def page_key(request) -> tuple[str, str, str, bool]:
    """(the cache key of this request's page at the current content version, the global version, the `all`
    version, whether the key is the cooperation's)."""
    global_version, all_version = freshness.versions(freshness.GLOBAL, freshness.ALL)
    cooperation_id = cooperation_id_of(request.path, global_version)
    if cooperation_id is None:
        return _hash(request, f"all:{all_version}"), global_version, all_version, False
    version = f"{global_version}.{freshness.versions(freshness.coop_scope(cooperation_id))[0]}"
    return _hash(request, version), global_version, all_version, True


def key_after_learning(request, all_before: str) -> str | None:
    """The cooperation's key for a page rendered under the `all` key, if nothing was written meanwhile: every
    write bumps `all` together with its own scope, so an unchanged `all` means the cooperation's version read
    now is the one the page was rendered at."""
    cooperation = getattr(request, "cooperation", None)
    if cooperation is None:
        return None
    all_now, global_now, coop_now = freshness.versions(
        freshness.ALL, freshness.GLOBAL, freshness.coop_scope(cooperation.pk)
    )
    if all_now != all_before or cooperation_id_of(request.path, global_now) != cooperation.pk:
        return None
    return _hash(request, f"{global_now}.{coop_now}")


def etag_of(key: str) -> str:
    return f'W/"{key}"'


def accepts_gzip(request) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def matches(request, etag: str) -> bool:
    wanted = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not wanted:
        return False
    tags = {tag.strip() for tag in wanted.split(",")}
    return "*" in tags or etag in tags or etag.removeprefix("W/") in tags


def storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - {"cookie", "accept-language", "accept-encoding"}:
        return False
    content_type = _content_type(response)
    if content_type not in COMPRESSIBLE and content_type not in DOCUMENTS:
        return False
    return len(response.content) <= _setting("SAMVERKAN_PAGE_CACHE_MAX_BYTES", 4 * 1024 * 1024)


def _content_type(response) -> str:
    return response.get("Content-Type", "").split(";")[0].strip().lower()


def _entry(response) -> dict:
    body = response.content
    headers = [(name, value) for name, value in response.items() if name.lower() not in _SKIP_HEADERS]
    compressible = len(body) >= 200 and _content_type(response) in COMPRESSIBLE
    compressed = gzip.compress(body, compresslevel=6, mtime=0) if compressible else None
    if compressed is not None and len(compressed) >= len(body):
        compressed = None
    return {"status": response.status_code, "headers": headers, "body": body, "gzip": compressed}


def _decorate(response, key: str, compressible: bool) -> None:
    response["ETag"] = etag_of(key)
    if "Cache-Control" not in response:
        response["Cache-Control"] = "no-cache"  # a proxy may keep it, and asks with the ETag each time
    patch_vary_headers(response, ("Cookie", "Accept-Encoding") if compressible else ("Cookie",))


def _response(request, entry: dict, key: str) -> HttpResponse:
    use_gzip = entry["gzip"] is not None and accepts_gzip(request)
    response = HttpResponse(entry["gzip"] if use_gzip else entry["body"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if use_gzip:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    _decorate(response, key, entry["gzip"] is not None)
    response.samverkan_cache = "hit"
    return response


class PageCacheMiddleware:
    """Serve anonymous pages from the cache; store what is safe to store (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        freshness.reset()
        if not eligible(request):
            return self.get_response(request)
        key, global_version, all_version, attributed = page_key(request)
        if matches(request, etag_of(key)):
            response = HttpResponseNotModified()
            _decorate(response, key, True)
            return response
        store = freshness.cache()
        entry = store.get(PAGE_PREFIX + key)
        if entry is not None:
            return _response(request, entry, key)
        response = self.get_response(request)
        learn(request, global_version)
        if not storable(request, response):
            return response
        if not attributed:
            key = key_after_learning(request, all_version) or key
        entry = _entry(response)
        store.set(PAGE_PREFIX + key, entry, timeout=_setting("SAMVERKAN_PAGE_CACHE_SECONDS", 24 * 3600))
        if entry["gzip"] is not None and accepts_gzip(request):
            response.content = entry["gzip"]
            response["Content-Encoding"] = "gzip"
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        _decorate(response, key, entry["gzip"] is not None)
        response.samverkan_cache = "miss"
        return response
