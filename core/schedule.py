"""Periodic background tasks: each app registers its tasks here in AppConfig.ready(), e.g.

    from core import schedule
    from plans.tasks import send_followup_reminders
    schedule.register(send_followup_reminders, every=dt.timedelta(hours=1))

`manage.py worker` (started by `make run`) enqueues each registered task when it is due and runs the
queue; `manage.py run_schedule --once` enqueues every registered task once (for cron, beside a plain
`db_worker` or RQ workers). The tasks themselves must be safe to run again (e.g. a reminder records who
was reminded and is not repeated within its interval), so an extra run never sends twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass
class Periodic:
    task: Any  # a django_tasks Task
    every: dt.timedelta

    @property
    def name(self) -> str:
        return self.task.module_path


_periodic: dict[str, Periodic] = {}


def register(task, *, every: dt.timedelta) -> None:
    entry = Periodic(task, every)
    _periodic[entry.name] = entry


def periodic() -> list[Periodic]:
    return list(_periodic.values())


def enqueue_due(last_run: dict[str, dt.datetime], now: dt.datetime) -> list[str]:
    """Enqueue every registered task not enqueued within its interval (`last_run`: name -> time, updated)."""
    started = []
    for entry in periodic():
        previous = last_run.get(entry.name)
        if previous is None or now - previous >= entry.every:
            entry.task.enqueue()
            last_run[entry.name] = now
            started.append(entry.name)
    return started
