"""Audit action codes: one registry mapping a namespaced code to a translated label.

Every service records why a row changed as a namespaced action code (pretix's `log_action` style),
e.g. ``samverkan.budget.budget.approved``. The code is stored in the simple-history row's
``history_change_reason`` (see `core.services.audited_save`); pages show `label(...)`.

Each app declares its codes in its own ``<app>/audit.py`` with `register(...)` and a gettext label
(from the app's own catalogue); `CoreConfig.ready` imports every installed app's ``audit`` module
(like the admin's autodiscovery), so core names no domain app.

A service may add a free text after the code (a user's reason): ``"<code>: <text>"``. `label` then
shows that text, as the pages did before codes existed.
"""

from __future__ import annotations

from django.utils.functional import Promise

PREFIX = "samverkan."
#: The most a history row's change reason holds (django-simple-history's CharField).
MAX_LENGTH = 100

_LABELS: dict[str, Promise | str] = {}


def register(code: str, label: Promise | str) -> str:
    """Declare an action code with its (lazily translated) label; returns the code."""
    if not code.startswith(PREFIX) or " " in code or ":" in code:
        raise ValueError(f"An audit code is namespaced, e.g. 'samverkan.budget.budget.approved', not {code!r}.")
    known = _LABELS.get(code)
    if known is not None and str(known) != str(label):
        raise ValueError(f"Audit code {code!r} is registered twice with different labels.")
    _LABELS[code] = label
    return code


def is_registered(code: str) -> bool:
    return code in _LABELS


def codes() -> list[str]:
    return sorted(_LABELS)


def reason(code: str, text: str = "") -> str:
    """The stored change reason: the code, or the code and a free text (cut to fit the column)."""
    if code not in _LABELS:
        raise ValueError(f"Unknown audit code {code!r}: register it in the app's audit.py.")
    text = " ".join((text or "").split())
    if not text:
        return code
    return f"{code}: {text}"[:MAX_LENGTH]


def label(stored: str | None) -> str:
    """What a page shows for a stored change reason: the code's translated label, the free text
    given with it, or (rows written before codes existed) the stored text itself."""
    if not stored:
        return ""
    code, sep, text = stored.partition(": ")
    if code in _LABELS:
        return text if sep and text else str(_LABELS[code])
    return stored
