"""The full-text index, per database: on PostgreSQL a GIN index over the stored tsvector; on SQLite an FTS5
table of the stemmed words (search/backends.py). Nothing is made on the other database."""

from django.db import migrations

PG_FORWARD = "CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON search_searchentry USING gin (vector)"
PG_BACKWARD = "DROP INDEX IF EXISTS search_entry_vector_gin"
SQLITE_FORWARD = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, identifiers, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 4')"
)
#: An entry deleted by any path (a cascade from its cooperation too) leaves no words behind.
SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS search_fts_delete AFTER DELETE ON search_searchentry "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END"
)
SQLITE_BACKWARD = "DROP TABLE IF EXISTS search_fts"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)
        schema_editor.execute(SQLITE_TRIGGER)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS search_fts_delete")
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
