"""Enqueue the periodic tasks (core.schedule): `--once` enqueues each once (for cron); without it the
command keeps running and enqueues each task when its interval has passed."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from core import schedule


class Command(BaseCommand):
    help = "Lägger de återkommande bakgrundsjobben (påminnelser, utskick) i kön när de ska köras."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue every periodic task once and stop.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between checks.")

    def handle(self, *args, once=False, interval=60.0, **options):
        last_run: dict = {}
        while True:
            for name in schedule.enqueue_due({} if once else last_run, timezone.now()):
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(interval)
