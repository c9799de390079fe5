"""Remind the boards that have not decided on a programme out for adoption (each at most once per interval).

Run from cron or a scheduler; every reminder is recorded (programme.AdoptionReminder)."""

from django.core.management.base import BaseCommand

from core.services import SYSTEM
from organisations.models import Cooperation
from programme import selectors, services
from programme import status as st


class Command(BaseCommand):
    help = "Remind the member boards that have not yet decided on a programme out for adoption."

    def handle(self, *args, **options):
        total = 0
        for cooperation in Cooperation.objects.all():
            programmes, states = selectors.programme_states(cooperation)
            for programme in programmes:
                state = states[programme.pk]
                if state.status != st.OUT_FOR_ADOPTION or state.round is None:
                    continue
                sent = services.adoption_reminders_send(actor=SYSTEM, adoption_round=state.round)
                total += len(sent)
                for reminder in sent:
                    self.stdout.write(f"{programme.short_name}: {reminder.municipality.name}")
        self.stdout.write(f"{total} reminder(s) sent.")
