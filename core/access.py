"""Access helpers: one place that decides who may see or change what.

Objects of the governance data know their cooperation through `cooperation_path` (a lookup such
as "body__cooperation"). Outsiders get a 404, never a hint that an object exists.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404


def cooperation_of(obj):
    """The cooperation an object belongs to, following its model's `cooperation_path`."""
    from organisations.models import Cooperation

    if obj is None:
        return None
    if isinstance(obj, Cooperation):
        return obj
    path = getattr(type(obj), "cooperation_path", None)
    if path is None:
        return None
    current = obj
    for part in path.split("__"):
        current = getattr(current, part, None)
        if current is None:
            return None
    return current


def roles_of(user, cooperation) -> set[str]:
    """The role codes (StaffRole.Role) `user` holds in `cooperation`; cached per request user."""
    if user is None or not getattr(user, "is_authenticated", False) or cooperation is None:
        return set()
    cache = user.__dict__.setdefault("_samverkan_roles", None)
    if cache is None:
        from organisations.models import StaffRole

        cache = {}
        for coop_id, role in StaffRole.objects.filter(user=user).values_list("cooperation_id", "role"):
            cache.setdefault(coop_id, set()).add(role)
        user.__dict__["_samverkan_roles"] = cache
    return cache.get(cooperation.pk, set())


def has_role(user, cooperation, *roles: str) -> bool:
    return bool(roles_of(user, cooperation) & set(roles))


def get_cooperation_or_404(slug: str):
    from organisations.models import Cooperation

    return get_object_or_404(Cooperation.objects.select_related("host_municipality"), slug=slug)


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
