"""Backup and restore: the database plus the media folder in one .tar.gz with a small manifest.

    samverkan-20261125-201500.tar.gz
      manifest.json        {"format": 1, "created": ..., "app_version": ..., "database_vendor": ..., ...}
      database.pgdump      pg_dump --format=custom (PostgreSQL)   or   database.sqlite3 (SQLite backup API)
      media/...            every file under MEDIA_ROOT

No secrets go into the archive: SECRET_KEY, DATABASE_URL and the rest of the environment stay where
they are. Both functions take a Django database settings dict (`connections[alias].settings_dict`),
so a restore can go into any database, not only the one the site runs on. The PostgreSQL client
programs (pg_dump, pg_restore, psql) get the connection through libpq's environment variables, so
no password ever appears on a command line.
"""

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMP_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def app_version() -> str:
    """The version in pyproject.toml (the source of truth, installed or not)."""
    try:
        project = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return "unknown"
    return project.get("project", {}).get("version", "unknown")


def vendor_of(database: dict) -> str:
    engine = database["ENGINE"]
    for vendor in DUMP_FILES:
        if engine.endswith(vendor) or engine.endswith(f"{vendor}3"):
            return vendor
    raise BackupError(_("Backups support PostgreSQL and SQLite, not %(engine)s.") % {"engine": engine})


# --- PostgreSQL -----------------------------------------------------------------------------------


def libpq_env(database: dict) -> dict[str, str]:
    """The libpq environment for the PostgreSQL client programs (what `manage.py dbshell` passes, by name)."""
    options = database.get("OPTIONS", {})
    env = dict(os.environ)  # what Django's connection leaves to libpq (PGHOST, a service file …) stays
    pairs = {
        "PGDATABASE": database.get("NAME"),
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGPASSFILE": options.get("passfile"),
        "PGSERVICE": options.get("service"),
    }
    env.update({key: str(value) for key, value in pairs.items() if value})
    return env


def _run(program: str, args: list[str], database: dict) -> str:
    if shutil.which(program) is None:
        raise BackupError(
            _("%(program)s was not found: install the PostgreSQL client programs (Debian: postgresql-client).")
            % {"program": program}
        )
    result = subprocess.run([program, *args], env=libpq_env(database), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(_("%(program)s failed: %(error)s") % {"program": program, "error": result.stderr.strip()})
    return result.stdout


def _postgresql_tables(database: dict) -> int:
    query = (
        "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%'"
    )
    return int(_run("psql", ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query], database).strip())


# --- SQLite ---------------------------------------------------------------------------------------


def _sqlite_connect(database: dict) -> sqlite3.Connection:
    # uri=True as Django connects: a test database is "file:memorydb_default?mode=memory&cache=shared".
    return sqlite3.connect(str(database["NAME"]), uri=True)


def _sqlite_tables(database: dict) -> int:
    name = str(database["NAME"])
    if not name.startswith("file:") and not Path(name).exists():
        return 0
    with _sqlite_connect(database) as conn:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


# --- both -----------------------------------------------------------------------------------------


def database_table_count(database: dict) -> int:
    """How many tables (views, sequences) the database has: 0 means empty, fit for a restore."""
    return _postgresql_tables(database) if vendor_of(database) == "postgresql" else _sqlite_tables(database)


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink())


def create_backup(*, destination: Path, database: dict, media_root: Path) -> dict:
    """Write the archive to `destination` (atomically: a partial archive never has the final name)."""
    vendor = vendor_of(database)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    media = _media_files(Path(media_root))
    manifest = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "app_version": app_version(),
        "database_vendor": vendor,
        "database_file": DUMP_FILES[vendor],
        "media_files": len(media),
    }
    with tempfile.TemporaryDirectory(prefix="samverkan-backup-") as tmp:
        dump = Path(tmp) / DUMP_FILES[vendor]
        if vendor == "postgresql":
            _run("pg_dump", ["--format=custom", f"--file={dump}"], database)
        else:
            _sqlite_copy(_sqlite_connect(database), sqlite3.connect(dump))
        manifest_path = Path(tmp) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            for path in media:
                archive.add(path, arcname=str(PurePosixPath(MEDIA, *path.relative_to(media_root).parts)))
        partial.replace(destination)
    return manifest


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError):
        raise BackupError(_("This is not a Samverkan backup: it has no readable manifest.json.")) from None
    if manifest.get("format") != FORMAT or manifest.get("database_vendor") not in DUMP_FILES:
        raise BackupError(
            _("This backup's format is not supported (manifest: %(manifest)s).") % {"manifest": json.dumps(manifest)}
        )
    return manifest


def _safe_members(archive: tarfile.TarFile, dump_name: str) -> list[tarfile.TarInfo]:
    """Only the manifest, the dump and regular files under media/; nothing outside, no links."""
    members = []
    for member in archive.getmembers():
        path = PurePosixPath(member.name)
        inside = not path.is_absolute() and ".." not in path.parts
        allowed = member.name in (MANIFEST, dump_name) or (path.parts[:1] == (MEDIA,) and len(path.parts) > 1)
        if not (inside and allowed and (member.isfile() or member.isdir())):
            raise BackupError(_("The backup holds an unexpected entry: %(name)s.") % {"name": member.name})
        members.append(member)
    return members


def restore_backup(*, archive_path: Path, database: dict, media_root: Path, force: bool = False) -> dict:
    """Restore the archive into `database` and `media_root`. Both must be empty unless `force`, which
    replaces what is there (PostgreSQL: pg_restore --clean; SQLite: the file's whole content; media:
    the folder's content)."""
    vendor = vendor_of(database)
    media_root = Path(media_root)
    with tarfile.open(archive_path, "r:gz") as archive:
        manifest = read_manifest(archive)
        if manifest["database_vendor"] != vendor:
            raise BackupError(
                _("The backup holds a %(archive)s database, but this site uses %(target)s.")
                % {"archive": manifest["database_vendor"], "target": vendor}
            )
        if not force and database_table_count(database):
            raise BackupError(
                _(
                    "The database %(name)s is not empty. Restore into an empty database, "
                    "or pass --force to replace its content."
                )
                % {"name": database["NAME"]}
            )
        if not force and _media_files(media_root):
            raise BackupError(
                _(
                    "The media folder %(path)s is not empty. Restore into an empty folder, "
                    "or pass --force to replace its content."
                )
                % {"path": media_root}
            )
        members = _safe_members(archive, manifest["database_file"])
        with tempfile.TemporaryDirectory(prefix="samverkan-restore-") as tmp:
            archive.extractall(tmp, members=members, filter="data")
            dump = Path(tmp) / manifest["database_file"]
            if vendor == "postgresql":
                clean = ["--clean", "--if-exists"] if force else []
                _run(
                    "pg_restore",
                    [
                        "--no-owner",
                        "--no-privileges",
                        "--single-transaction",
                        "--exit-on-error",
                        *clean,
                        f"--dbname={database['NAME']}",
                        str(dump),
                    ],
                    database,
                )
            else:
                _sqlite_copy(sqlite3.connect(dump), _sqlite_connect(database))
            if force and media_root.is_dir():
                shutil.rmtree(media_root)
            media_root.mkdir(parents=True, exist_ok=True)
            extracted_media = Path(tmp) / MEDIA
            if extracted_media.is_dir():
                shutil.copytree(extracted_media, media_root, dirs_exist_ok=True)
    return manifest
