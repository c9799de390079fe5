"""Import the shipped national list of municipalities and regions (SCB codes, from Kolada); again = update."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.services import SYSTEM
from organisations import services


class Command(BaseCommand):
    help = (
        "Importerar den medföljande rikslistan över kommuner och regioner (SCB-koder, från Kolada). "
        "En kod som redan finns får listans namn; inget dubbleras."
    )

    def handle(self, **options):
        try:
            result = services.national_list_import(actor=SYSTEM)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.total} kommuner och regioner: {result.created} nya, {result.updated} ändrade, "
                f"{result.unchanged} oförändrade."
            )
        )
