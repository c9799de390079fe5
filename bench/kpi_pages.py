"""Benchmark: the key-figure comparison page and the key-figure report at 1× and 10× the demo's key-figure data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sv_kpi_pages_bench python bench/kpi_pages.py

The demo group "Södertörns nyckeltal" has 10 key figures; 10× is a group of 100 figures with values for the eight
members, the county, the country and Kolada's group G96274, 15 years × 3 genders (49 500 values), generated
here (marked as benchmark data, batch kind test_data). The database is created, migrated and the demo loaded
if needed. Each page is requested in-process through Django's test client with DEBUG off (the median of
`REPEAT` requests after one warm-up); the report is built (its data, `kpi.reports.build_report`) and laid out
as a document structure (`report_document`), without the PDF renderer (WeasyPrint), whose cost is the same
whatever this code does. Prints time and size of each and the number of SQL queries of the page.
"""

import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
REPEAT = 5
YEARS = range(2000, 2015)


def ensure_database(url: str):
    from urllib.parse import urlsplit

    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def build_tenfold(cooperation, demo_group):
    """A group of 100 figures (the demo's 10 and 90 more) with values for the members and the comparison areas."""
    from django.utils import timezone

    from core.services import SYSTEM
    from kpi import services
    from kpi.models import Area, ImportBatch, KeyFigure, KeyFigureGroup, KeyFigureGroupItem, KeyFigureValue

    group = KeyFigureGroup.objects.filter(cooperation=cooperation, slug="bench-10x").first()
    if group is not None and group.items.count() == 100:
        return group
    group = group or services.key_figure_group_save(
        actor=SYSTEM, cooperation=cooperation, slug="bench-10x", name="Benchmark 10×", kolada_group_id="G96274"
    )
    figures = [item.figure for item in demo_group.items.select_related("figure").order_by("order")]
    for i in range(1, 100 - len(figures) + 1):
        figures.append(
            KeyFigure.objects.update_or_create(
                kolada_id=f"BENCHP{i:02d}",
                defaults={"title": f"Benchmark-nyckeltal {i}, andel (%)", "unit": "%", "source": "bench"},
            )[0]
        )
    KeyFigureGroupItem.objects.filter(group=group).delete()
    KeyFigureGroupItem.objects.bulk_create(
        [KeyFigureGroupItem(group=group, figure=f, order=i) for i, f in enumerate(figures)]
    )
    codes = [m.code for m in cooperation.current_members()] + ["0001", "0000", "G96274"]
    areas = list(Area.objects.filter(kolada_id__in=codes))
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.TEST_DATA, source="bench/kpi_pages.py (benchmark)")
    rng, now = random.Random(10), timezone.now()
    bench_figures = [f for f in figures if f.kolada_id.startswith("BENCHP")]
    KeyFigureValue.objects.filter(figure__in=bench_figures).delete()
    KeyFigureValue.objects.bulk_create(
        [
            KeyFigureValue(
                figure=f,
                area=a,
                year=y,
                gender=g,
                value=Decimal(rng.randint(1, 10**6)) / 100,
                imported_at=now,
                batch=batch,
            )
            for f in bench_figures
            for a in areas
            for y in YEARS
            for g in "TKM"
        ],
        batch_size=5000,
    )
    return group


def timed(call):
    call()  # warm-up
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/sv_kpi_pages_bench"
        )
    ensure_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.DEBUG = False
    # The render is what is timed: with the page cache on, every repeat would be a cache read (0-1 ms).
    settings.SAMVERKAN_PAGE_CACHE = False
    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from kpi import reports
    from kpi.models import KeyFigureGroup, KeyFigureValue
    from organisations.models import Cooperation

    if not Cooperation.objects.filter(slug="sodertorn").exists():
        call_command("load_sodertorn", verbosity=0)
    cooperation = Cooperation.objects.get(slug="sodertorn")
    demo = KeyFigureGroup.objects.get(cooperation=cooperation, slug="sodertorns-nyckeltal")
    tenfold = build_tenfold(cooperation, demo)
    client = Client()
    print(f"values in the database: {KeyFigureValue.objects.count()}")
    for label, group in (("1× (demo, 10 figures)", demo), ("10× (100 figures)", tenfold)):
        base = f"/sodertorn/nyckeltal/{group.slug}/"
        for name, path in (
            ("comparison, first view", base),
            ("comparison, complete table", base + "?visa=alla"),
            ("comparison, complete, sorted", base + "?ar=2010&visa=alla&sortera=N02267"),
        ):
            queries = []

            def count(execute, sql, *args, queries=queries):
                queries.append(sql)
                return execute(sql, *args)

            with connection.execute_wrapper(count):
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            seconds, response = timed(lambda path=path: client.get(path))
            print(
                f"{label}: {name}: {seconds * 1000:.0f} ms, {len(response.content) / 1024:.0f} KB, "
                f"{len(queries)} queries",
                flush=True,
            )
        seconds, document = timed(lambda group=group: reports.report_document(reports.build_report(group, 2010)))
        print(
            f"{label}: key-figure report 2010 (data and document structure): {seconds * 1000:.0f} ms, "
            f"{len(document.blocks)} focus-area sections",
            flush=True,
        )


if __name__ == "__main__":
    main()
