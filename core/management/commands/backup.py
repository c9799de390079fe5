"""`manage.py backup [--output FILE]`: the database and the media folder into one .tar.gz (core/backup.py)."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import ngettext

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Backs up the database and the media folder into one .tar.gz archive (no secrets)."
    requires_system_checks = []  # a backup must be possible however the settings look

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", type=Path, help="Archive to write (default: var/backups/samverkan-<date>-<time>.tar.gz)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, **options):
        if output is None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "var" / "backups" / f"samverkan-{stamp}.tar.gz"
        try:
            manifest = create_backup(
                destination=output, database=connections[database].settings_dict, media_root=Path(settings.MEDIA_ROOT)
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        count = manifest["media_files"]
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Backup written to %(path)s: the %(vendor)s database and %(count)d media file.",
                    "Backup written to %(path)s: the %(vendor)s database and %(count)d media files.",
                    count,
                )
                % {"path": output, "vendor": manifest["database_vendor"], "count": count}
            )
        )
