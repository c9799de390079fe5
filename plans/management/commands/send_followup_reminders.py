"""E-mail a reminder to every network lead whose network has not reported in an open round whose
deadline is near (default: within 7 days, not yet passed). Run daily, e.g. from cron."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.formatting import sv_date
from plans.models import FollowUpRound
from plans.selectors import leads_to_remind


class Command(BaseCommand):
    help = "Skickar påminnelser till nätverksledare som inte har rapporterat före uppföljningens sista dag."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Remind this many days before the deadline.")
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", ""), help="e.g. https://example.org")

    def handle(self, *args, days=7, base_url="", **options):
        today = timezone.localdate()
        rounds = FollowUpRound.objects.filter(
            state=FollowUpRound.State.OPEN, deadline__gte=today, deadline__lte=today + dt.timedelta(days=days)
        ).select_related("cooperation")
        messages = []
        with translation.override("sv"):
            for rnd in rounds:
                for body, users in leads_to_remind(rnd):
                    link = base_url + reverse("plans:report", args=[rnd.cooperation.slug, rnd.pk, body.slug])
                    subject = _("Reminder: follow-up %(round)s for %(network)s") % {"round": rnd, "network": body}
                    text = _(
                        "Hello,\n\nThe network %(network)s has activities that are not yet reported in the "
                        "follow-up round %(round)s of %(cooperation)s. The deadline is %(deadline)s.\n\n"
                        "Report here: %(link)s\n"
                    ) % {"network": body, "round": rnd, "cooperation": rnd.cooperation,
                         "deadline": sv_date(rnd.deadline), "link": link}
                    messages.append((subject, text, None, [u.email for u in users]))
        sent = send_mass_mail(messages, fail_silently=False) if messages else 0
        with translation.override("sv"):
            self.stdout.write(ngettext("%(n)s reminder sent.", "%(n)s reminders sent.", sent) % {"n": sent})
