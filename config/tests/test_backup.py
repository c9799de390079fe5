"""Backup and restore (issue 11, item 8): `manage.py backup` writes the database and the media folder
into one archive; restoring it into a FRESH database gives the same rows in every table and the same
media bytes. On PostgreSQL the fresh database is created here and dropped afterwards; the test runs
wherever PostgreSQL is the test database (CI) and is skipped there only when pg_dump is missing.

The tests are transactional: pg_dump and the SQLite backup API read what is committed.
"""

import io
import json
import os
import re
import shutil
import sqlite3
import tarfile
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.backup import BackupError, restore_backup
from organisations.models import StaffRole
from organisations.testing import build_body, build_cooperation, build_municipality, build_user

pytestmark = pytest.mark.django_db(transaction=True)

#: Bytes that are not text: a restore that re-encoded anything would change them.
EXTRACT = b"%PDF-1.4\n" + bytes(range(256)) + "protokollsutdrag för Tyresö\n".encode()
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the test database is not PostgreSQL")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the test database is not SQLite")


@pytest.fixture
def municipalities_before():
    """The municipalities already in the test database before `dataset` (the session's demo, if loaded)."""
    from organisations.models import Municipality

    return Municipality.objects.count()


@pytest.fixture
def dataset(settings, municipalities_before):
    """A small register (with its audit history), a staff user and an uploaded file."""
    coop = build_cooperation("backup", members=3, name="Samverkan Södertörn-test")
    tyreso = build_municipality(name="Tyresö")
    coop.members.create(municipality=tyreso, joined="2012-01-01")
    build_body(coop, name="IT-chefer")
    build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli-backup")
    stored = default_storage.save("protokoll/2011/utdrag-3.pdf", ContentFile(EXTRACT))
    return Path(settings.MEDIA_ROOT), stored


def django_row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def backup_to(tmp_path) -> Path:
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", output=archive, stdout=out)
    vendor = connection.vendor
    assert out.getvalue() == f"Säkerhetskopian skrevs till {archive}: {vendor}-databasen och 1 mediefil.\n"
    return archive


def assert_archive_layout(archive: Path, vendor: str, dump_name: str):
    with tarfile.open(archive) as tar:
        names = sorted(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names == sorted(["manifest.json", dump_name, "media/protokoll/2011/utdrag-3.pdf"])
    assert set(manifest) == {"format", "created", "app_version", "database_vendor", "database_file", "media_files"}
    version = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["project"]["version"]
    assert (manifest["format"], manifest["app_version"], manifest["database_vendor"], manifest["media_files"]) == (
        1,
        version,
        vendor,
        1,
    )


@on_postgresql
def test_backup_restores_into_a_fresh_postgresql_database_with_every_row_and_the_media(
    dataset, tmp_path, municipalities_before
):
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    import psycopg

    media_root, stored = dataset
    source_counts = django_row_counts()
    assert source_counts["organisations_municipality"] == municipalities_before + 4
    assert source_counts["organisations_historicalcooperation"] >= 1
    archive = backup_to(tmp_path)
    assert_archive_layout(archive, "postgresql", "database.pgdump")

    fresh = {**connection.settings_dict, "NAME": f"{connection.settings_dict['NAME']}_restore"}
    admin = {
        key: value
        for key, value in {
            "host": fresh["HOST"],
            "port": fresh["PORT"],
            "user": fresh["USER"],
            "password": fresh["PASSWORD"],
        }.items()
        if value
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{fresh["NAME"]}"')
        conn.execute(f'CREATE DATABASE "{fresh["NAME"]}"')
    try:
        restored_media = tmp_path / "restored-media"
        manifest = restore_backup(archive_path=archive, database=fresh, media_root=restored_media)
        assert manifest["database_vendor"] == "postgresql"

        with psycopg.connect(dbname=fresh["NAME"], **admin) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                    "AND table_type = 'BASE TABLE'"
                )
            ]
            restored_counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
            restored_names = sorted(row[0] for row in conn.execute("SELECT name FROM organisations_municipality"))
            # The sequences came along: the next id is past every restored row.
            next_id = conn.execute(
                "SELECT nextval(pg_get_serial_sequence('organisations_municipality', 'id'))"
            ).fetchone()[0]
            max_id = conn.execute("SELECT max(id) FROM organisations_municipality").fetchone()[0]
        assert restored_counts == source_counts
        assert "Tyresö" in restored_names
        assert next_id > max_id
        assert (restored_media / stored).read_bytes() == EXTRACT

        # A second restore into the now non-empty database is refused (and changes nothing) ...
        with pytest.raises(
            BackupError,
            match=f"^Databasen {fresh['NAME']} är inte tom. Återställ till en tom "
            "databas, eller ange --force för att ersätta innehållet.$",
        ):
            restore_backup(archive_path=archive, database=fresh, media_root=tmp_path / "other-media")
        # ... unless forced, which replaces the content.
        restore_backup(archive_path=archive, database=fresh, media_root=restored_media, force=True)
        with psycopg.connect(dbname=fresh["NAME"], **admin) as conn:
            count = conn.execute("SELECT count(*) FROM organisations_municipality").fetchone()[0]
            assert count == municipalities_before + 4
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh["NAME"]}" WITH (FORCE)')


@on_sqlite
def test_backup_restores_into_a_fresh_sqlite_database_with_every_row_and_the_media(
    dataset, tmp_path, municipalities_before
):
    media_root, stored = dataset
    source_counts = django_row_counts()
    assert source_counts["organisations_municipality"] == municipalities_before + 4
    archive = backup_to(tmp_path)
    assert_archive_layout(archive, "sqlite", "database.sqlite3")

    fresh = {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
    restored_media = tmp_path / "restored-media"
    restore_backup(archive_path=archive, database=fresh, media_root=restored_media)

    conn = sqlite3.connect(fresh["NAME"])
    try:
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        restored_counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        assert "Tyresö" in [row[0] for row in conn.execute("SELECT name FROM organisations_municipality")]
    finally:
        conn.close()
    assert restored_counts == source_counts
    assert (restored_media / stored).read_bytes() == EXTRACT

    with pytest.raises(BackupError, match=f"^Databasen {re.escape(fresh['NAME'])} är inte tom"):
        restore_backup(archive_path=archive, database=fresh, media_root=tmp_path / "other-media")


def test_restore_refuses_a_database_that_is_not_empty_without_force(dataset, tmp_path):
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    archive = backup_to(tmp_path)
    get_user_model().objects.create_user("created-after-the-backup")
    with pytest.raises(CommandError, match="^Databasen .* är inte tom"):
        call_command("restore", str(archive))
    assert get_user_model().objects.filter(username="created-after-the-backup").exists()


@on_sqlite  # the rule does not depend on the vendor; SQLite gives an empty database for free
def test_restore_refuses_a_media_folder_that_is_not_empty_without_force(dataset, tmp_path):
    archive = backup_to(tmp_path)
    fresh = {**connection.settings_dict, "NAME": str(tmp_path / "empty.sqlite3")}
    media = tmp_path / "busy-media"
    (media / "kept.txt").parent.mkdir(parents=True)
    (media / "kept.txt").write_text("kept")
    with pytest.raises(BackupError, match=f"^Mediemappen {re.escape(str(media))} är inte tom"):
        restore_backup(archive_path=archive, database=fresh, media_root=media)
    assert (media / "kept.txt").read_text() == "kept"


def test_restore_refuses_an_archive_with_entries_outside_its_folders(tmp_path):
    archive = tmp_path / "evil.tar.gz"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps({"format": 1, "database_vendor": connection.vendor, "database_file": "database.sqlite3"})
    )
    evil = tmp_path / "evil.txt"
    evil.write_text("x")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(manifest, arcname="manifest.json")
        tar.add(evil, arcname="media/../../outside.txt")
    fresh = {**connection.settings_dict, "NAME": str(tmp_path / "target.sqlite3")}
    if connection.vendor == "postgresql":
        fresh = {**connection.settings_dict}
    expected = "Säkerhetskopian innehåller en oväntad post: media/../../outside.txt."
    with pytest.raises(BackupError, match=f"^{re.escape(expected)}$"):
        restore_backup(archive_path=archive, database=fresh, media_root=tmp_path / "media-target", force=True)
    assert not (tmp_path.parent / "outside.txt").exists()


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    archive = tmp_path / "not-a-backup.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(Path(__file__), arcname="test_backup.py")
    with pytest.raises(
        CommandError, match="^Det här är ingen säkerhetskopia från Samverkan: den saknar en läsbar manifest.json.$"
    ):
        call_command("restore", str(archive))


def test_the_postgresql_client_programs_get_the_connection_through_libpq_variables(monkeypatch):
    from core.backup import libpq_env

    for key in [key for key in os.environ if key.startswith("PG")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "7")  # what the environment already tells libpq stays
    env = libpq_env(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "samverkan",
            "HOST": "db.internal",
            "PORT": 5433,
            "USER": "samverkan",
            "PASSWORD": "s3cret",
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert {key: value for key, value in env.items() if key.startswith("PG")} == {
        "PGDATABASE": "samverkan",
        "PGHOST": "db.internal",
        "PGPORT": "5433",
        "PGUSER": "samverkan",
        "PGPASSWORD": "s3cret",
        "PGSSLMODE": "require",
        "PGCONNECT_TIMEOUT": "7",
    }
