"""The JSON API (django-ninja) under /api/v1/, with one consistent error format:

    {"detail": "<Swedish message>", "errors": {"<field>": ["<message>", ...]}}

One error policy, decided here and nowhere else (handlers do not catch these themselves):
- a domain error (core.errors.DomainError or Django's ValidationError from a service) -> 400;
- a conflict (core.errors.Conflict: the object already exists, a retry or a double click) -> 409;
- invalid input for the schema -> 422;
- anonymous on a write endpoint -> 401;
- signed in but not permitted (PermissionDenied from a service), or unknown -> 404, so that an
  outsider does not learn that an object exists.

Each app contributes a `router` in its `api.py`.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import render_template

from arrangements.api import router as arrangements_router
from budget.api import router as budget_router
from core.api import document_error_responses, error_payload, validation_error_payload
from core.errors import Conflict
from kpi.api import router as kpi_router
from meetings.api import router as meetings_router
from news.api import router as news_router
from organisations.api import router as organisations_router
from plans.api import router as plans_router
from programme.api import router as programme_router
from search.api import router as search_router


class SessionSwagger(Swagger):
    """The interactive docs send the CSRF token with every request, so a signed-in user can try the write endpoints
    (they accept the session, `core.api.write_auth`; django-ninja adds the token only when the API-wide auth needs
    it, and ours is set per endpoint)."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api, "add_csrf": True}
        return render_template(request, self.template, self.template_cdn, context)


api = NinjaAPI(
    docs=SessionSwagger(),
    title="Samverkan API",
    version="1",
    description="Öppet API för kommunsamverkan: organisation, program, möten, budget, nyckeltal, planer, sök "
    "och beslut.",
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return api.create_response(request, validation_error_payload(exc), status=400)


@api.exception_handler(Conflict)
def on_conflict(request, exc):
    """The same thing already exists (a retry, a double click) or someone else saved first."""
    return api.create_response(request, validation_error_payload(exc), status=409)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc):
    errors = {}
    for err in exc.errors:
        loc = ".".join(str(part) for part in err.get("loc", [])[1:]) or "__all__"
        errors.setdefault(loc, []).append(err.get("msg", ""))
    return api.create_response(request, error_payload("Ogiltiga indata.", errors), status=422)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, error_payload("Hittades inte."), status=404)


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    """Not permitted looks exactly like not found."""
    return on_not_found(request, exc)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, error_payload("Inloggning krävs."), status=401)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return api.create_response(request, error_payload(str(exc)), status=exc.status_code)


api.add_router("/", organisations_router)
api.add_router("/", programme_router)
api.add_router("/", meetings_router)
api.add_router("/", budget_router)
api.add_router("/", kpi_router)
api.add_router("/", plans_router)
api.add_router("/", news_router)
api.add_router("/", arrangements_router)
api.add_router("/", search_router)
document_error_responses(api)
