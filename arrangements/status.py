"""When an agreement version is in force: the one rule, over plain values.

A version sent out for adoption is in force from the day the last of the parties it was sent to adopted
it (programme.status: only a decision by the deciding body counts), never before, and until its
`valid_until` or until a later version of the same agreement comes into force. A version the sources say is
in force (`documented_in_force`, the parties' decisions not recorded) counts from its `valid_from`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DRAFT = "draft"
OUT_FOR_ADOPTION = "out_for_adoption"
IN_FORCE = "in_force"
EXPIRED = "expired"
REPLACED = "replaced"


@dataclass(frozen=True)
class VersionFacts:
    number: int
    sent_out: bool
    all_adopted_on: dt.date | None  # the day the last party adopted it (None: not all have)
    documented_in_force: bool
    valid_from: dt.date | None
    valid_until: dt.date | None


def in_force_from(v: VersionFacts) -> dt.date | None:
    if v.all_adopted_on is not None:
        return max(v.all_adopted_on, v.valid_from) if v.valid_from else v.all_adopted_on
    if v.documented_in_force:
        return v.valid_from or dt.date.min
    return None


def version_status(v: VersionFacts, others: list[VersionFacts], today: dt.date) -> str:
    start = in_force_from(v)
    if start is None or start > today:
        return OUT_FOR_ADOPTION if v.sent_out else DRAFT
    for o in others:
        o_start = in_force_from(o)
        if o.number > v.number and o_start is not None and o_start <= today:
            return REPLACED
    if v.valid_until is not None and v.valid_until < today:
        return EXPIRED
    return IN_FORCE
