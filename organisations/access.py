"""Access helpers that know the organisation register: a user's roles in a cooperation.

Objects of the governance data know their cooperation through `cooperation_path` (a lookup such
as "body__cooperation"). Outsiders get a 404, never a hint that an object exists. The generic,
model-agnostic helpers (`can`, `require`, `perm_name`, `get_in_cooperation_or_404`) live in
`core.access`.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from core.publication import ALL
from organisations.models import Cooperation, StaffRole


def cooperation_of(obj):
    """The cooperation an object belongs to, following its model's `cooperation_path`."""
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


def _role_cache(user) -> dict:
    """{cooperation id: role codes} of `user`, read once and cached on the request user."""
    cache = user.__dict__.setdefault("_samverkan_roles", None)
    if cache is None:
        cache = {}
        for coop_id, role in StaffRole.objects.filter(user=user).values_list("cooperation_id", "role"):
            cache.setdefault(coop_id, set()).add(role)
        user.__dict__["_samverkan_roles"] = cache
    return cache


def roles_of(user, cooperation) -> set[str]:
    """The role codes (StaffRole.Role) `user` holds in `cooperation`; cached per request user."""
    if user is None or not getattr(user, "is_authenticated", False) or cooperation is None:
        return set()
    return _role_cache(user).get(cooperation.pk, set())


def staff_cooperation_ids(user):
    """Where `user` sees drafts (core.publication's hook): the cooperations where they hold any staff
    role; every cooperation for superusers; none for anonymous or inactive users."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    if user.is_superuser:
        return ALL
    return frozenset(coop_id for coop_id, roles in _role_cache(user).items() if roles)


def has_role(user, cooperation, *roles: str) -> bool:
    return bool(roles_of(user, cooperation) & set(roles))


def get_cooperation_or_404(slug: str) -> Cooperation:
    return get_object_or_404(Cooperation.objects.select_related("host_municipality"), slug=slug)


def may_act_for(user, cooperation, *roles: str) -> bool:
    """May `user` act for `cooperation` in one of `roles` (StaffRole.Role codes)?

    The one answer to "superuser, or holding this role in this cooperation": superusers may act for
    every cooperation; anonymous or inactive users and a missing cooperation never. The `rules`
    predicates (organisations.permissions) and the pages ask this, never `is_superuser` themselves.
    """
    if not roles:
        raise TypeError("may_act_for needs at least one role.")
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if user.is_superuser:
        return True
    return has_role(user, cooperation, *roles)
