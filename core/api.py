"""Shared pieces of the JSON API: error payloads, authentication and pagination."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from ninja import Field, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import PageNumberPagination
from ninja.security import HttpBearer
from ninja.security import SessionAuth as DjangoSessionAuth

from core.models import ApiToken


def error_payload(detail: str, errors: dict | None = None) -> dict:
    return {"detail": detail, "errors": errors or {}}


def validation_error_payload(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in ValidationError(msgs).messages] for field, msgs in exc.error_dict.items()}
        detail = "; ".join(m for msgs in errors.values() for m in msgs)
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
        detail = "; ".join(errors["__all__"])
    return error_payload(detail, errors)


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token created in the admin (core.ApiToken)."""

    def __call__(self, request):
        header = request.headers.get(self.header, "")
        if header and not header.lower().startswith(f"{self.openapi_scheme} "):
            raise AuthenticationError  # another scheme than Bearer: 401, not the session's CSRF 403
        return super().__call__(request)

    def authenticate(self, request, token):
        """A valid token signs the request in. A bearer token that is not valid is a 401 at once: falling
        through to the session check would answer 403 (its CSRF check), which no API client can act on."""
        user = ApiToken.user_for(token)
        if user is None:
            raise AuthenticationError
        request.user = user
        return user


class SessionAuth(DjangoSessionAuth):
    """The browser's session, with its CSRF check. Without a session cookie there is nothing to check: the
    request is anonymous (401, the API's policy), not a CSRF failure (403)."""

    def _get_key(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)


#: Write endpoints accept a bearer token or a session (browser, with CSRF).
write_auth = [TokenAuth(), SessionAuth()]


#: The highest page number a list accepts: beyond it the offset could leave the database's integer
#: range (a 500); a larger number is refused as invalid input (422) instead.
MAX_PAGE = 1_000_000


class Pagination(PageNumberPagination):
    """Page-number pagination: ?page=2&page_size=50 (default 50, at most 500; page at most MAX_PAGE)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)

    def __init__(self, **kwargs):
        kwargs.setdefault("page_size", 50)
        kwargs.setdefault("max_page_size", 500)
        super().__init__(**kwargs)


def local_time(value: dt.time | None, on: dt.date) -> dt.time | None:
    """A time of day as the site stores it: Stockholm wall-clock time without a zone. A time sent with an
    offset ("10:00+00:00") is converted to Europe/Stockholm on the date `on` (so daylight saving time is
    right); the database's time columns cannot hold an offset (such a meeting used to be saved and then
    the response failed, so clients retried and duplicated it). ValueError when the converted time falls
    on another day: the client must then send the date it means."""
    if value is None or value.tzinfo is None:
        return value
    local = dt.datetime.combine(on, value).astimezone(ZoneInfo(settings.TIME_ZONE))
    if local.date() != on:
        raise ValueError(f"{value.isoformat()} is on {local.date().isoformat()} in Swedish time, not on {on}.")
    return local.time().replace(tzinfo=None)


#: Answers any operation can give, whatever it does: 400 (input hygiene, core.hygiene, or a domain rule),
#: 404 (unknown or not permitted) and 422 (input that does not fit the schema). Writes also answer 401
#: (anonymous), 403 (a session cookie without the CSRF token) and 409 (a conflict: the same thing again, or a
#: stale version).
ERRORS_OF_EVERY_OPERATION = (400, 404, 422)
ERRORS_OF_EVERY_WRITE = (401, 403, 409)


def document_error_responses(api) -> None:
    """Declare the error answers in every operation's `response=` map (ErrorOut), so the OpenAPI schema
    documents every status code the API gives (schemathesis checks this, config/tests/test_api_fuzz.py).
    Run after the routers are added, before the URLs are built."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                codes = ERRORS_OF_EVERY_OPERATION
                if set(operation.methods) - {"GET", "HEAD", "OPTIONS"}:
                    codes += ERRORS_OF_EVERY_WRITE
                for code in codes:
                    if code not in operation.response_models:
                        operation.response_models[code] = operation._create_response_model(ErrorOut)
