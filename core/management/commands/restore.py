"""`manage.py restore ARCHIVE [--force]`: an archive of `manage.py backup` into an empty database and media
folder (core/backup.py). Migrate afterwards when the code is newer than the backup."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restores a backup archive into an empty database and media folder (--force replaces their content)."
    requires_system_checks = []  # an empty database would fail checks that ask it

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument("--force", action="store_true", help="Replace what the database and the media folder hold.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, archive, force=False, database=DEFAULT_DB_ALIAS, **options):
        if not archive.is_file():
            raise CommandError(_("No such backup: %(path)s") % {"path": archive})
        connection = connections[database]
        connection.close()  # the restore goes around Django's connection; start afresh afterwards
        try:
            manifest = restore_backup(
                archive_path=archive,
                database=connection.settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
                force=force,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored %(path)s (made %(created)s by version %(version)s) into the %(vendor)s database.")
                % {
                    "path": archive,
                    "created": manifest["created"],
                    "version": manifest["app_version"],
                    "vendor": manifest["database_vendor"],
                }
            )
        )
