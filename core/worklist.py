""" "Mina uppgifter": what is waiting for a signed-in staff member, collected from every app.

core knows no domain app: each app writes a provider in `<app>/worklist.py` (a function
`provider(user) -> list[Item]`) and registers it in its `AppConfig.ready()`:

    from core import worklist
    from programme.worklist import adoptions_awaiting_decision
    worklist.register(adoptions_awaiting_decision)

A provider returns only the items `user` may act on, each linking to the page where the work is done.
The page (`core.views.worklist`, /mina-uppgifter/) groups them per cooperation and kind and marks
overdue items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The kinds of work, in the order the page shows them; a provider may use another code (shown as is).
KINDS: dict[str, Any] = {
    "adoption": _("Adoptions awaiting a decision"),
    "meeting": _("Meetings to prepare"),
    "minutes": _("Minutes to write or approve"),
    "report": _("Reports due"),
    "assessment": _("Rounds to assess"),
    "approval": pgettext_lazy("worklist", "Plans and budgets to approve"),
    "import": _("Key-figure imports"),
}


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    kind: str
    due: dt.date | None = None
    cooperation: Any = None
    note: str = ""

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()

    @property
    def kind_label(self):
        return KINDS.get(self.kind, self.kind)


Provider = Callable[[Any], list[Item]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator); registering the same function twice keeps one."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def _sort_key(item: Item):
    kinds = list(KINDS)
    kind_order = kinds.index(item.kind) if item.kind in kinds else len(kinds)
    coop = item.cooperation
    return (
        str(getattr(coop, "name", "")) if coop is not None else "",
        kind_order,
        item.kind,
        item.due is None,
        item.due or dt.date.min,
        str(item.title),
    )


def items_for(user) -> list[Item]:
    """Every provider's items for `user` (none for anonymous or inactive users), sorted by cooperation,
    kind and due date (undated last)."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return []
    items: list[Item] = []
    for provider in _providers:
        items.extend(provider(user) or [])
    return sorted(items, key=_sort_key)


@dataclass
class KindGroup:
    kind: str
    label: Any
    items: list[Item]


@dataclass
class CooperationGroup:
    cooperation: Any
    kinds: list[KindGroup]

    @property
    def count(self) -> int:
        return sum(len(k.items) for k in self.kinds)


def grouped(items: list[Item]) -> list[CooperationGroup]:
    """Sorted items (`items_for`) grouped per cooperation, then per kind."""
    groups: list[CooperationGroup] = []
    for item in items:
        coop_id = getattr(item.cooperation, "pk", None)
        if not groups or getattr(groups[-1].cooperation, "pk", None) != coop_id:
            groups.append(CooperationGroup(item.cooperation, []))
        kinds = groups[-1].kinds
        if not kinds or kinds[-1].kind != item.kind:
            kinds.append(KindGroup(item.kind, item.kind_label, []))
        kinds[-1].items.append(item)
    return groups
