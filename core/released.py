"""Documents the apps publish by deciding them: the approved operating plan, the programme sent out for
adoption, the key-figure report. The news app lists them beside the publications the secretariat uploads,
so each appears on the publications page and in the feeds the moment it is approved, without anyone
copying it there (and disappears if it is ever withdrawn: nothing is stored twice).

core knows no domain app: each app writes a provider `provider(cooperation) -> list[Release]` and
registers it in its `AppConfig.ready()`:

    from core import released
    released.register(selectors.released_plans)

A provider returns only what anonymous users may see (published, approved), newest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Release:
    title: str
    url: str  # the page of the document (the page links its PDF and DOCX)
    date: dt.date
    kind: str  # a code of news.models.Publication.Kind ("plan", "programme", "report", ...)
    key: str  # unique per cooperation and stable, e.g. "plans.operatingplan:12" (the feed's entry id)
    summary: str = ""


Provider = Callable[[Any], list[Release]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def releases(cooperation) -> list[Release]:
    """Every registered app's released documents of `cooperation`, newest first."""
    found: list[Release] = []
    for provider in _providers:
        found.extend(provider(cooperation))
    return sorted(found, key=lambda r: (r.date, r.key), reverse=True)
