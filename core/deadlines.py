"""Dated deadlines from every app for the calendar and its iCalendar feeds (e.g. a contract's end, the last
day to give notice, an agreement's expiry, an owner dialogue).

core knows no domain app: an app writes `provider(cooperation, start, end, user) -> list[Deadline]` and
registers it in its `AppConfig.ready()` (`core.deadlines.register(provider)`); the calendar (meetings)
asks `deadlines_between(...)` without importing the app. A provider returns only what `user` may see
(anonymous: published only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Deadline:
    uid: str  # stable over time: the feed's UID
    date: dt.date
    title: str
    url: str = ""
    description: str = ""
    is_demo: bool = False


Provider = Callable[[Any, dt.date, dt.date, Any], list[Deadline]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def deadlines_between(cooperation, start: dt.date, end: dt.date, user=None) -> list[Deadline]:
    """Every registered app's deadlines of `cooperation` from `start` to `end` (both included), by date."""
    found: list[Deadline] = []
    for provider in _providers:
        found.extend(d for d in provider(cooperation, start, end, user) if start <= d.date <= end)
    return sorted(found, key=lambda d: (d.date, d.title))
