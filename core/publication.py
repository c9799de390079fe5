"""Publication: the one answer to "may this user see this object yet?".

Every model with a draft state (minutes, budgets, plans, meetings …) uses a `PublishableQuerySet`
as its manager and says which rows are published:

    class BudgetQuerySet(PublishableQuerySet):
        def published_q(self):
            return Q(status=Budget.Status.APPROVED)

    class Budget(models.Model):
        objects = BudgetQuerySet.as_manager()
        cooperation_path = "cooperation"

Then `Budget.objects.published()` is what anonymous users may see (pages, documents, feeds, API,
exports), and `Budget.objects.visible_to(user)` is the published rows for anonymous users and
outsiders, and every row of the cooperations where `user` holds a staff role (superusers: all).

core knows no domain app, so "in which cooperations is this user staff?" is answered through the
`staff_cooperations` hook, provided by organisations in its AppConfig.ready(). Unprovided, nobody
is staff anywhere and `visible_to` equals `published`, which fails closed.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from core.hooks import Hook

#: The marker `staff_cooperations` returns for users who see every cooperation's drafts (superusers).
ALL = "all"

#: staff_cooperations(user) -> set of cooperation ids | ALL: where `user` holds a staff role.
staff_cooperations = Hook("core.publication.staff_cooperations", default=frozenset())


def staff_cooperation_ids(user):
    """The ids of the cooperations whose drafts `user` sees, or `ALL`; empty for anonymous users."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    return staff_cooperations(user) or frozenset()


class PublishableQuerySet(models.QuerySet):
    """A queryset whose model has a draft state. Subclasses define `published_q()`."""

    def published_q(self) -> Q:
        """The condition a published row meets (override). `Q()` means: every row is published."""
        raise NotImplementedError(f"{type(self).__name__} must define published_q().")

    def published(self):
        """What anonymous users may see."""
        return self.filter(self.published_q())

    def visible_to(self, user):
        """Published rows, plus every row of the cooperations where `user` is staff."""
        ids = staff_cooperation_ids(user)
        if ids == ALL:
            return self.all()
        if not ids:
            return self.published()
        path = getattr(self.model, "cooperation_path", None)
        if path is None:
            raise TypeError(f"{self.model.__name__} needs a cooperation_path to be publishable.")
        return self.filter(self.published_q() | Q(**{f"{path}__in": ids}))


def is_published(obj) -> bool:
    """Is this one object published (asks the same condition as the model's queryset)?"""
    return type(obj)._default_manager.published().filter(pk=obj.pk).exists()


def is_visible_to(obj, user) -> bool:
    """May `user` see this one object (published, or staff of its cooperation)?"""
    return type(obj)._default_manager.visible_to(user).filter(pk=obj.pk).exists()
