"""Conventions for writes (see README, "Services").

Every change to governance data goes through a service function `<entity>_<action>(*, actor, ...)`
in the app's `services.py`. A service runs in `transaction.atomic()`, validates with
`full_clean()` (raising ValidationError/DomainError with a Swedish message), saves through
`audited_save` so django-simple-history records who did it and why, and schedules side effects
(e-mails) with `transaction.on_commit`.
"""

from django.db import models


def audited_save(obj: models.Model, *, actor=None, reason: str = "", validate: bool = True, **save_kwargs):
    """Validate and save `obj`, recording `actor` and `reason` in its history row."""
    if validate:
        obj.full_clean()
    if actor is not None and getattr(actor, "is_authenticated", False):
        obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.save(**save_kwargs)
    return obj


def audited_delete(obj: models.Model, *, actor=None, reason: str = ""):
    if actor is not None and getattr(actor, "is_authenticated", False):
        obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.delete()
