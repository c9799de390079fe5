"""What an adoption round is about when it is not a programme.

The adoption mechanism (rounds sent to boards, each municipality's steps, reminders, "in force only when
every addressee has adopted") is the programme app's; a higher app that sends something else out for
adoption (e.g. a new agreement version, `arrangements`) opens its round with
`services.adoption_round_send_for` and registers here, for its round kind, where the round and a
municipality's case are worked on, so the worklist and the reminders link there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    #: round -> the page of the thing sent out (shown to the secretariat)
    round_url: Callable
    #: (round, municipality) -> the page where that municipality's decision is recorded
    record_url: Callable


_targets: dict[str, Target] = {}


def register(kind: str, target: Target) -> Target:
    _targets[kind] = target
    return target


def target_for(kind: str) -> Target | None:
    return _targets.get(kind)
