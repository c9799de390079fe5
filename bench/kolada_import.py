"""Benchmark: import ~400 000 key-figure values in Kolada's v3 page shape into PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sv_kpi_bench python bench/kolada_import.py

30 figures × 290 municipalities × 15 years × 3 genders = 391 500 values. The pages are generated on
the fly in Kolada's exact v3 shape ({"count", "values": [{"kpi", "municipality", "period",
"values": [{"count", "gender", "status", "value"}]}], "next_url"}), serialised to JSON and parsed
back (as if they came over the wire), then fed to the importer (kpi.services.import_figure_pages),
which streams them into the database in bulk upserts, one transaction per figure. No network is used.
The database is created and migrated if needed. Prints the time and the peak memory (RSS) for a first
import and for an idempotent re-import (every value updated in place), and beside them the raw COPY rate: the same
rows (already parsed, the generation not timed) written by one `COPY … FROM STDIN` straight into the same value
table with its indexes and foreign keys, the ceiling any importer into that table has.

    python bench/kolada_import.py [--figures 30] [--raw-copy] [--before-review]

`--figures N` scales the rows (30 = 1×, 391 500 values; 300 = 10×). On PostgreSQL the importer streams each
figure's pages into a staging table by COPY and moves them with one INSERT … ON CONFLICT DO UPDATE
(kpi.services._CopyUpserter).

`--before-review` also times the same raw COPY into a scratch table with the value table's columns and the indexes
and foreign keys it had before the index review (kpi migration 0005: six indexes, three foreign keys; dropped
again afterwards), so both ceilings are measured on the same machine in the same run.
"""

import json
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

FIGURES, YEARS, GENDERS = 30, list(range(2010, 2025)), ["T", "K", "M"]
if "--figures" in sys.argv:
    FIGURES = int(sys.argv[sys.argv.index("--figures") + 1])
PER_PAGE = 1000  # data objects per page (each holds 3 gender values)


def ensure_database(url: str):
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def pages_for(kpi_id: str, municipalities: list[str], seed: int):
    """Yield (url, page) in Kolada's v3 shape, one JSON round trip per page."""
    rng = random.Random(seed)
    objects = []
    page_no = 1

    def emit(objs, page_no, last):
        url = f"http://127.0.0.1/v3/data/kpi/{kpi_id}/year/{','.join(map(str, YEARS))}?page={page_no}"
        page = {
            "count": len(objs),
            "values": objs,
            "next_url": None if last else url.replace(f"page={page_no}", f"page={page_no + 1}"),
        }
        return url, json.loads(json.dumps(page))

    total = len(municipalities) * len(YEARS)
    produced = 0
    for muni in municipalities:
        for year in YEARS:
            objects.append(
                {
                    "kpi": kpi_id,
                    "municipality": muni,
                    "period": year,
                    "values": [
                        {"count": 1, "gender": g, "status": "", "value": round(rng.uniform(0, 1000), 4)}
                        for g in GENDERS
                    ],
                }
            )
            produced += 1
            if len(objects) == PER_PAGE or produced == total:
                yield emit(objects, page_no, produced == total)
                objects = []
                page_no += 1


BEFORE_REVIEW = "bench_kpi_value_before_review"


def create_table_before_review():
    """A table with the value table's columns and the indexes and foreign keys it had before the index review
    (kpi migration 0005): six indexes (primary key, the unique key, figure+year+gender, and one on each foreign
    key) and three foreign keys, as measured in issue 19."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BEFORE_REVIEW}")
        cursor.execute(f"CREATE TABLE {BEFORE_REVIEW} (LIKE kpi_keyfigurevalue INCLUDING ALL)")
        cursor.execute(f"CREATE INDEX {BEFORE_REVIEW}_fig_year ON {BEFORE_REVIEW} (figure_id, year, gender)")
        for column, target in (
            ("figure_id", "kpi_keyfigure"),
            ("area_id", "kpi_area"),
            ("batch_id", "kpi_importbatch"),
        ):
            cursor.execute(f"CREATE INDEX {BEFORE_REVIEW}_{column} ON {BEFORE_REVIEW} ({column})")
            cursor.execute(
                f"ALTER TABLE {BEFORE_REVIEW} ADD CONSTRAINT {BEFORE_REVIEW}_{column}_fk FOREIGN KEY ({column}) "
                f"REFERENCES {target} (id) DEFERRABLE INITIALLY DEFERRED"
            )
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = %s", [BEFORE_REVIEW])
        indexes = cursor.fetchone()[0]
    assert indexes == 6, indexes


def drop_table_before_review():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BEFORE_REVIEW}")


def raw_copy(figures, municipalities, area_ids, expected, table=None, label="raw COPY"):
    """The same rows by one COPY per figure straight into the value table (or `table`), parsing done before the
    clock."""
    from django.db import connection, transaction
    from django.utils import timezone

    from kpi.kolada import parse_data_page
    from kpi.models import ImportBatch, KeyFigureValue

    table = table or KeyFigureValue._meta.db_table
    batch = ImportBatch.objects.create(kind="kolada", source=f"bench/kolada_import.py ({label})")
    now = timezone.now()
    columns = "figure_id, area_id, year, gender, value, status, imported_at, batch_id, source_url"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    elapsed = 0.0
    count = 0
    for index, figure in enumerate(figures):
        rows = [
            (figure.pk, area_ids[muni], year, gender, value, status, now, batch.pk, url)
            for url, page in pages_for(figure.kolada_id, municipalities, index)
            for _k, muni, year, gender, value, status in parse_data_page(page, url, expected_kpi=figure.kolada_id)
        ]
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        elapsed += time.perf_counter() - start
        count += len(rows)
    assert count == expected, (count, expected)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{label} of the same rows: {count} values in {elapsed:.1f} s ({count / elapsed:,.0f} values/s)", flush=True)
    return (label, count, elapsed, rss_before / 1024, peak / 1024)


def delete_values(figures) -> None:
    """Remove the benchmark figures' values with one SQL DELETE: the ORM's delete() would first load every row
    (millions at 10x) to collect what cascades, and its memory would be counted as the importer's peak."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM kpi_keyfigurevalue WHERE figure_id = ANY(%s)", [[f.pk for f in figures]])


def main():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/sv_kpi_bench")
    ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from core.services import SYSTEM
    from kpi.demo import load_metadata
    from kpi.models import Area, ImportBatch, KeyFigure, KeyFigureValue
    from kpi.services import import_figure_pages

    load_metadata()
    municipalities = list(Area.objects.filter(type="K").order_by("kolada_id").values_list("kolada_id", flat=True))
    assert len(municipalities) == 290, len(municipalities)
    figures = [
        KeyFigure.objects.update_or_create(
            kolada_id=f"BENCH{i:02d}", defaults={"title": f"Benchmark-nyckeltal {i}", "source": "bench"}
        )[0]
        for i in range(1, FIGURES + 1)
    ]
    delete_values(figures)
    area_ids = dict(Area.objects.values_list("kolada_id", "id"))
    expected = FIGURES * len(municipalities) * len(YEARS) * len(GENDERS)

    results = []
    if "--before-review" in sys.argv:
        create_table_before_review()
        try:
            before = raw_copy(
                figures,
                municipalities,
                area_ids,
                expected,
                table=BEFORE_REVIEW,
                label="raw COPY, indexes before review",
            )
        finally:
            drop_table_before_review()
    if "--raw-copy" in sys.argv or "--before-review" in sys.argv:
        results.append(raw_copy(figures, municipalities, area_ids, expected))
        delete_values(figures)
    for label in ("first import", "re-import (idempotent)"):
        batch = ImportBatch.objects.create(kind="kolada", source="bench/kolada_import.py")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        elapsed = 0.0
        count = 0
        for index, figure in enumerate(figures):
            # The pages arrive parsed from JSON (as from the network); generating them is not the importer's time.
            pages = list(pages_for(figure.kolada_id, municipalities, index))
            start = time.perf_counter()
            count += import_figure_pages(figure, pages, batch=batch, area_ids=area_ids, actor=SYSTEM)
            elapsed += time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stored = KeyFigureValue.objects.filter(figure__in=figures).count()
        assert count == expected and stored == expected, (count, stored, expected)
        results.append((label, count, elapsed, rss_before / 1024, peak / 1024))
        print(
            f"{label}: {count} values in {elapsed:.1f} s ({count / elapsed:,.0f} values/s); "
            f"peak RSS {peak / 1024:.0f} MB (before: {rss_before / 1024:.0f} MB)",
            flush=True,
        )
    if results and results[0][0] == "raw COPY":
        raw_rate = results[0][1] / results[0][2]
        for label, count, elapsed, _before, _peak in results[1:]:
            print(f"{label}: {count / elapsed / raw_rate:.0%} of the raw COPY rate")
        if "--before-review" in sys.argv:
            print(f"raw COPY after the index review: {raw_rate / (before[1] / before[2]):.1f}x the rate before it")
    print(
        f"Values in the database: {KeyFigureValue.objects.filter(figure__in=figures).count()} "
        f"({FIGURES} figures × {len(municipalities)} municipalities × {len(YEARS)} years × {len(GENDERS)} genders)"
    )
    return results


if __name__ == "__main__":
    main()
