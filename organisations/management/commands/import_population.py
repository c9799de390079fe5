"""Import population figures (municipality,year,population per line) from a CSV file; atomic."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.services import SYSTEM
from organisations import services


class Command(BaseCommand):
    help = "Importerar befolkningstal (kommun,år,antal) från en CSV-fil. Allt eller inget."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--source", required=True, help="Källan, t.ex. 'SCB, befolkning 31 december'.")
        parser.add_argument("--codes", nargs="*", help="Bara dessa kommunkoder (SCB), t.ex. 0127 0136.")

    def handle(self, path, source, codes=None, **options):
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
        try:
            count = services.population_import_csv(actor=SYSTEM, text=text, source=source, codes=codes)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{count} befolkningstal importerade."))
