"""Build the Södertörn demo cooperation from the seeds. Idempotent, but a database that already holds data
(staff may have edited the demo) is only loaded into with --force; --if-empty skips it quietly (`make run`).

The loader lives in the top layer (config) because it composes every app's demo module."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from arrangements import demo as arrangements_demo
from budget import demo as budget_demo
from kpi import demo as kpi_demo
from meetings import demo as meetings_demo
from organisations import demo as organisations_demo
from organisations.models import Cooperation
from plans import demo as plans_demo
from programme import demo as programme_demo
from search import index as search_index
from search import registry as search_registry

#: Apps whose demo data builds on the register, in dependency order.
DEMO_APPS = [
    ("programme", programme_demo),
    ("meetings", meetings_demo),
    ("budget", budget_demo),
    ("kpi", kpi_demo),
    ("plans", plans_demo),
    ("arrangements", arrangements_demo),
]


class Command(BaseCommand):
    help = "Laddar Södertörnssamarbetets demodata (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Only load when no cooperation exists.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even into a database that already has data (may overwrite edits of the demo).",
        )
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Also create demo logins for each role (refused unless DEBUG is on).",
        )

    def handle(self, *args, if_empty=False, force=False, demo_users=False, **options):
        if Cooperation.objects.exists():
            if if_empty:
                self.stdout.write("Databasen har redan data; inget laddades.")
                return
            if not force:
                raise CommandError(
                    "Databasen har redan data; inget laddades. Ange --force för att ladda demodatat ändå "
                    "(ändringar av demodatat kan då skrivas över), eller --if-empty för att hoppa över."
                )
        if demo_users and not settings.DEBUG:
            self.stderr.write("Demoanvändare skapas bara när DEBUG är på.")
            demo_users = False

        def log(message):
            self.stdout.write(message)

        with transaction.atomic():
            # The search index is built once at the end, not on every save of the load.
            with search_registry.paused():
                self.stdout.write("Organisationsregistret …")
                coop = organisations_demo.load(log=log, demo_users=demo_users)
                for app, demo in DEMO_APPS:
                    self.stdout.write(f"{app} …")
                    demo.load(coop, log=log)
            self.stdout.write("Sökindex …")
            search_index.reindex()
        self.stdout.write(self.style.SUCCESS(f"Klart: {coop.name} på /{coop.slug}/"))
