"""E-mail a reminder to every network lead whose network has not reported in an open round whose
deadline is near (default: within 7 days, not yet passed). Each reminder is recorded and not repeated
within plans.services.REMINDER_INTERVAL. The worker runs the same as a periodic task (plans.tasks);
this command is for running it by hand or from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import ngettext

from plans.services import send_followup_reminders


class Command(BaseCommand):
    help = "Skickar påminnelser till nätverksledare som inte har rapporterat före uppföljningens sista dag."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Remind this many days before the deadline.")
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", ""), help="e.g. https://example.org")

    def handle(self, *args, days=7, base_url="", **options):
        sent = len(send_followup_reminders(days=days, base_url=base_url))
        with translation.override("sv"):
            self.stdout.write(ngettext("%(n)s reminder sent.", "%(n)s reminders sent.", sent) % {"n": sent})
