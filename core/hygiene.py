"""Input hygiene at the edge: text no database column and no document can hold is refused before any
view sees it (issue 11, "5xx on ordinary bad input").

PostgreSQL text cannot contain NUL (a query with one fails with a DataError, a 500), and an unpaired
UTF-16 surrogate (which JSON can spell as "\\ud800") cannot be encoded as UTF-8 at all. Both are refused
here, once for every page and API operation:

- in the path: 404 (no such address);
- in a query parameter, a form field or a JSON string: 400 with a Swedish message.

Numbers in the query that no database integer can hold (more than 18 digits) and years outside
1..9999 in the query parameters the site uses for years are refused the same way, so a filter never
reaches the database with a value it cannot compare.
"""

from __future__ import annotations

import json
import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

#: Characters no stored text may hold: NUL and the UTF-16 surrogates (only ever unpaired in a str).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: Query parameters that hold a year on some page or API operation.
YEAR_PARAMETERS = frozenset({"year", "ar", "år", "from_year", "to_year", "year_from", "year_to"})
#: More digits than any 64-bit integer column holds.
_HUGE_NUMBER = re.compile(r"^[+-]?\d{19,}$")
API_PREFIX = "/api/"


def unstorable(text: str) -> bool:
    """True when `text` holds a character the database cannot store (NUL, an unpaired surrogate)."""
    return bool(_UNSTORABLE.search(text))


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def query_problem(query) -> str | None:
    """A Swedish message when a query (or form) QueryDict holds input no view can use, else None."""
    for key, values in query.lists():
        if unstorable(key) or any(unstorable(v) for v in values):
            return _("The request contains characters that are not allowed (a NUL byte or an unpaired surrogate).")
        for value in values:
            value = value.strip()
            if _HUGE_NUMBER.match(value):
                return _("The number in “%(name)s” is too large.") % {"name": key}
            if key in YEAR_PARAMETERS and re.fullmatch(r"[+-]?\d+", value) and not 1 <= int(value) <= 9999:
                return _("The year in “%(name)s” must be between 1 and 9999.") % {"name": key}
    return None


def body_problem(request) -> str | None:
    """A Swedish message when a form or JSON body holds text the database cannot store."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    if content_type == "application/json":
        try:
            data = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None  # not JSON: the API's own parser answers that (422)
        if any(unstorable(s) for s in _json_strings(data)):
            return _("The request contains characters that are not allowed (a NUL byte or an unpaired surrogate).")
        return None
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, values in request.POST.lists():
            if unstorable(key) or any(unstorable(v) for v in values):
                return _("The form contains characters that are not allowed (a NUL byte).")
    return None


class InputHygieneMiddleware:
    """Refuse unstorable input before a view runs (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_api = request.path_info.startswith(API_PREFIX)
        if unstorable(request.path_info):
            return self._refuse(request, is_api, 404, _("Not found."))
        problem = query_problem(request.GET) or body_problem(request)
        if problem:
            return self._refuse(request, is_api, 400, problem)
        return self.get_response(request)

    @staticmethod
    def _refuse(request, is_api: bool, status: int, message: str):
        if is_api:
            return JsonResponse({"detail": message, "errors": {}}, status=status)
        if status == 404:
            return render(request, "404.html", status=404)
        return render(request, "400.html", {"message": message}, status=400)
