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

#: Where the user's StaffRoles are cached for the request (`staff_roles`; dropped by `forget_roles`).
_ROLES_CACHE = "_samverkan_staff_roles"


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
    """{cooperation id: role codes} of `user`, from the roles read once per request user (`staff_roles`)."""
    cache: dict[int, set[str]] = {}
    for role in staff_roles(user):
        cache.setdefault(role.cooperation_id, set()).add(role.role)
    return cache


def forget_roles(user) -> None:
    """Drop the roles cached on `user` (after a role is granted or revoked)."""
    user.__dict__.pop(_ROLES_CACHE, None)


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


def staff_roles(user) -> list[StaffRole]:
    """Every StaffRole `user` holds (cooperation, municipality and network loaded; cached per request user).
    The worklist providers (`<app>/worklist.py`) start from this: one query for all of them."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = user.__dict__.get(_ROLES_CACHE)
    if cached is None:
        cached = list(
            StaffRole.objects.filter(user=user)
            .select_related("cooperation", "municipality", "body")
            .order_by("cooperation__name", "role", "pk")
        )
        user.__dict__[_ROLES_CACHE] = cached
    return cached


def cooperations_where(user, *roles: str) -> list[Cooperation]:
    """The cooperations where `user` holds one of `roles` (explicit roles only: a superuser without roles
    has none; the worklist shows work by role, and superusers have the admin)."""
    seen: dict[int, Cooperation] = {}
    for role in staff_roles(user):
        if role.role in roles:
            seen.setdefault(role.cooperation_id, role.cooperation)
    return list(seen.values())
