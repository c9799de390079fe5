"""Build the Södertörn demo cooperation from the seeds. Idempotent: running it twice changes nothing."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

#: Apps whose demo data builds on the register, in dependency order.
DEMO_APPS = ["programme", "meetings", "budget", "kpi", "plans"]


class Command(BaseCommand):
    help = "Laddar Södertörnssamarbetets demodata (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Only load when no cooperation exists.")
        parser.add_argument(
            "--demo-users", action="store_true",
            help="Also create demo logins for each role (refused unless DEBUG is on).",
        )

    def handle(self, *args, if_empty=False, demo_users=False, **options):
        from organisations import demo
        from organisations.models import Cooperation

        if if_empty and Cooperation.objects.exists():
            self.stdout.write("Databasen har redan data; inget laddades.")
            return
        if demo_users and not settings.DEBUG:
            self.stderr.write("Demoanvändare skapas bara när DEBUG är på.")
            demo_users = False

        def log(message):
            self.stdout.write(message)

        with transaction.atomic():
            self.stdout.write("Organisationsregistret …")
            coop = demo.load(log=log, demo_users=demo_users)
            for app in DEMO_APPS:
                self.stdout.write(f"{app} …")
                importlib.import_module(f"{app}.demo").load(coop, log=log)
        self.stdout.write(self.style.SUCCESS(f"Klart: {coop.name} på /{coop.slug}/"))
