"""Benchmark: import ~400 000 key-figure values in Kolada's v3 page shape into PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sv_kpi_bench python bench/kolada_import.py

30 figures × 290 municipalities × 15 years × 3 genders = 391 500 values. The pages are generated on
the fly in Kolada's exact v3 shape ({"count", "values": [{"kpi", "municipality", "period",
"values": [{"count", "gender", "status", "value"}]}], "next_url"}), serialised to JSON and parsed
back (as if they came over the wire), then fed to the importer (kpi.services.import_figure_pages),
which streams them into the database in bulk upserts, one transaction per figure. No network is used.
The database is created and migrated if needed. Prints the time and the peak memory (RSS) for a first
import and for an idempotent re-import (every value updated in place).
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
    KeyFigureValue.objects.filter(figure__in=figures).delete()
    area_ids = dict(Area.objects.values_list("kolada_id", "id"))
    expected = FIGURES * len(municipalities) * len(YEARS) * len(GENDERS)

    results = []
    for label in ("first import", "re-import (idempotent)"):
        batch = ImportBatch.objects.create(kind="kolada", source="bench/kolada_import.py")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        count = 0
        for index, figure in enumerate(figures):
            count += import_figure_pages(
                figure, pages_for(figure.kolada_id, municipalities, index), batch=batch, area_ids=area_ids, actor=SYSTEM
            )
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stored = KeyFigureValue.objects.filter(figure__in=figures).count()
        assert count == expected and stored == expected, (count, stored, expected)
        results.append((label, count, elapsed, rss_before / 1024, peak / 1024))
        print(
            f"{label}: {count} values in {elapsed:.1f} s ({count / elapsed:,.0f} values/s); "
            f"peak RSS {peak / 1024:.0f} MB (before: {rss_before / 1024:.0f} MB)",
            flush=True,
        )
    print(
        f"Values in the database: {KeyFigureValue.objects.filter(figure__in=figures).count()} "
        f"({FIGURES} figures × {len(municipalities)} municipalities × {len(YEARS)} years × {len(GENDERS)} genders)"
    )
    return results


if __name__ == "__main__":
    main()
