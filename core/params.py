"""Whole numbers from request parameters (query strings and form fields), shared by the apps' views."""

from __future__ import annotations

from django.http import Http404


def int_or_none(value, *, lowest: int | None = None, highest: int | None = None) -> int | None:
    """`value` as a whole number, or None when it is missing, not a number, or outside `lowest`..`highest`."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    if (lowest is not None and number < lowest) or (highest is not None and number > highest):
        return None
    return number


def int_or_404(value) -> int:
    """`value` as a whole number; a 404 when it is none (a form naming a row by a broken id)."""
    number = int_or_none(value)
    if number is None:
        raise Http404
    return number
