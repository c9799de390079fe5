"""Background tasks of the plans app (django-tasks; the worker runs them, core.schedule enqueues them)."""

import datetime as dt

from django.conf import settings
from django_tasks import task

from plans import services

#: How often the worker looks for reminders to send (each is sent at most once per REMINDER_INTERVAL).
REMINDER_CHECK = dt.timedelta(hours=1)


@task()
def send_followup_reminders() -> int:
    """Remind the network leads whose reports are due (plans.services.send_followup_reminders)."""
    return len(services.send_followup_reminders(base_url=getattr(settings, "SITE_URL", "")))
