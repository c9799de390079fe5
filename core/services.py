"""Conventions for writes (see README, "Services").

Every change to governance data goes through a service function `<entity>_<action>(*, actor, ...)`
in the app's `services.py`. A service runs in `transaction.atomic()`, checks its actor with
`require_permission` (the `rules` registry; PermissionDenied otherwise, nothing saved), validates
with `full_clean()` (raising ValidationError/DomainError with a Swedish message), saves through
`audited_save` so django-simple-history records who did it and why (a namespaced action code from
the app's `audit.py`, see core/audit.py), and schedules side effects (e-mails) with
`transaction.on_commit`.

The actor is the signed-in user, or `SYSTEM` for trusted callers that act for no user: demo
loaders, management commands and importers run from the command line. Nothing that handles a
request passes `SYSTEM`; `None` is refused like an anonymous user.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from core import audit
from core.errors import Conflict


class _System:
    """The actor of trusted code without a user (commands, demo loaders). Passes every check,
    leaves the history row's user empty."""

    is_authenticated = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"

    def __bool__(self) -> bool:
        return True


SYSTEM = _System()


def perm_for(model_or_obj, action: str) -> str:
    meta = model_or_obj._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def may(actor, action: str, obj) -> bool:
    """May `actor` do `action` (view/add/change/delete, or a full permission name such as
    "kpi.import_values") on `obj`? `SYSTEM` may; `None` and anonymous users may not."""
    if actor is SYSTEM:
        return True
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    perm = action if "." in action else perm_for(obj, action)
    return actor.has_perm(perm, obj)


def require_permission(actor, action: str, obj) -> None:
    """Refuse (PermissionDenied, nothing saved) unless `actor` may do `action` on `obj`."""
    if not may(actor, action, obj):
        raise PermissionDenied(_("You do not have permission for this."))


def history_user(actor):
    """The user to record as having made a change (None for SYSTEM)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _mark(obj: models.Model, actor, action: str, reason: str) -> None:
    user = history_user(actor)
    if user is not None:
        obj._history_user = user
    obj._change_reason = audit.reason(action, reason)


def audited_save(obj: models.Model, *, actor, action: str, reason: str = "", validate: bool = True, **save_kwargs):
    """Validate and save `obj`, recording `actor` and the action code (plus an optional free-text
    `reason`) in its history row."""
    if validate:
        obj.full_clean()
    _mark(obj, actor, action, reason)
    obj.save(**save_kwargs)
    return obj


def audited_delete(obj: models.Model, *, actor, action: str, reason: str = ""):
    _mark(obj, actor, action, reason)
    obj.delete()


def try_each(steps):
    """Run every step of a batch, given as (key, call) pairs: a step refused with a ValidationError is
    collected under its key instead of stopping the batch. Returns (the number of steps that succeeded,
    [(key, messages)] of those refused, in order). A batch service runs this inside its transaction and
    raises a DomainError when anything was refused, so a batch is saved all or nothing."""
    saved = 0
    refused = []
    for key, call in steps:
        try:
            call()
        except ValidationError as exc:
            refused.append((key, exc.messages))
        else:
            saved += 1
    return saved, refused


def lock(obj: models.Model) -> models.Model:
    """Lock `obj`'s row until the transaction ends (SELECT ... FOR UPDATE): writes that lock the same
    parent are serialised, so a check-then-create under the lock cannot be raced by a parallel request.
    Must run inside `transaction.atomic()`."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def refuse_duplicate(duplicates: models.QuerySet, message: str) -> None:
    """Raise `Conflict(message)` when `duplicates` finds a row: the create is a retry or a double click.
    Call it under `lock(parent)` so two parallel creates cannot both pass."""
    if duplicates.exists():
        raise Conflict(message, code="duplicate")
