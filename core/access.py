"""Generic access helpers: one place that decides who may see or change what.

They know no domain app: permissions come from the rules registry (each app's `rules.py`), and
objects of the governance data name their cooperation through `cooperation_path` (a lookup such
as "body__cooperation"). Outsiders get a 404, never a hint that an object exists. Helpers that
need the organisation register (roles, the cooperation of an object) are in
`organisations.access`.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404


def get_in_cooperation_or_404(queryset: models.QuerySet, cooperation, **lookup):
    """Fetch an object that must belong to `cooperation`; anything else is a 404."""
    path = getattr(queryset.model, "cooperation_path", None)
    if path:
        lookup[path] = cooperation
    return get_object_or_404(queryset, **lookup)


def perm_name(model_or_obj, action: str) -> str:
    meta = model_or_obj._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def can(user, action: str, obj) -> bool:
    """May `user` do `action` (view/add/change/delete) on `obj`? Decided by the rules registry."""
    if user is None:
        return False
    return user.has_perm(perm_name(obj, action), obj)


def require(user, action: str, obj) -> None:
    """Raise 404 unless `user` may do `action` on `obj` (outsiders do not learn that it exists)."""
    if not can(user, action, obj):
        raise Http404
