"""Remind the boards that have not decided on a programme out for adoption (each at most once per interval).

The worker does this every hour (programme.tasks.send_adoption_reminders, registered in core.schedule); this
command does the same once, e.g. from cron. Every reminder is recorded (programme.AdoptionReminder)."""

from django.core.management.base import BaseCommand

from programme.tasks import remind_open_rounds


class Command(BaseCommand):
    help = "Remind the member boards that have not yet decided on a programme out for adoption."

    def handle(self, *args, **options):
        sent = remind_open_rounds()
        for reminder in sent:
            self.stdout.write(f"{reminder.round.title}: {reminder.municipality.name}")
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
