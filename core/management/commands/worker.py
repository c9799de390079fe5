"""The background worker `make run` starts beside the web server: runs the queued tasks (django-tasks'
database backend, `db_worker`) and, in a helper thread, enqueues the periodic tasks (core.schedule) when
they are due. Ctrl-C or SIGTERM stops it after the running task. A deployment runs one such process per
machine (more workers: `manage.py db_worker` processes beside it, or `--no-schedule` on the others)."""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from core import schedule


def _schedule_loop(interval: float, stop: threading.Event):
    last_run: dict = {}
    while not stop.is_set():
        try:
            schedule.enqueue_due(last_run, timezone.now())
        finally:
            close_old_connections()
        stop.wait(interval)


class Command(BaseCommand):
    help = "Kör bakgrundsjobben (import av nyckeltal, påminnelser, dokument) och de återkommande jobben."

    def add_arguments(self, parser):
        parser.add_argument("--no-schedule", action="store_true", help="Do not enqueue the periodic tasks.")
        parser.add_argument("--schedule-interval", type=float, default=60.0)
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at the queue.")

    def handle(self, *args, no_schedule=False, schedule_interval=60.0, interval=1.0, **options):
        stop = threading.Event()
        if not no_schedule:
            threading.Thread(target=_schedule_loop, args=(schedule_interval, stop), daemon=True).start()
        try:
            call_command(
                "db_worker", interval=interval, startup_delay=False, reload=False, verbosity=options.get("verbosity", 1)
            )
        finally:
            stop.set()
