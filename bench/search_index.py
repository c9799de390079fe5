"""Benchmark: index 10 000 documents and time search queries, on PostgreSQL or SQLite.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverkan_search_bench .venv/bin/python bench/search_index.py
    .venv/bin/python bench/search_index.py          # without DATABASE_URL: a fresh SQLite file in var/

The documents are minutes' paragraphs (title, description, decision: about 90 words each, Swedish words
from a fixed vocabulary with compounds and inflections) of a bench cooperation, written in bulk and then
indexed through the real path (`search.index.reindex`, the same code `manage.py reindex` runs). Then a
sample of single saves (the on-write path), and the search page's selector for a few queries (the median of
repeated runs, facets and snippets included). The bench cooperation is removed at the end.
"""

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

DOCUMENTS = 10_000
SLUG = "sok-bench"
WORDS = (
    "kollektivtrafik kollektivtrafiken kollektivtrafiksatsningarna utbildning utbildningen utbildningsnivån "
    "näringsliv näringslivsfrågor näringslivsutveckling infrastruktur infrastrukturen infrastrukturprojekt "
    "bostäder bostadsbyggande kommunerna kommunstyrelsen samarbetskommittén ledningsgruppen nätverket "
    "handlingsplan verksamhetsplan utvecklingsprogrammet regionala stadskärnorna klimatet omställningen "
    "förnybara drivmedel cykelvägar framkomlighet arbetsmarknaden kompetensförsörjning högskolan "
    "gymnasieskolan företagen etableringar samordning effektivitet öppenhet beslutar föreslår antar "
    "godkänner remiss yttrande uppdrag rapport budgeten avgiften fördelningen samverkan Södertörn"
).split()
FILLER = "och att i för på med som av till den det de en ett om är ska har inom mellan genom".split()
QUERIES = [
    "kollektivtrafiken",
    "utbildningen",
    "näringsliv",
    '"regionala stadskärnorna"',
    "2015/SK 0042",
    "cykelvägar framkomlighet",
]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILLER) for _ in range(n)).capitalize()


def database_url():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        from urllib.parse import urlsplit

        import psycopg

        name = urlsplit(url).path.lstrip("/")
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        return url
    path = ROOT / "var" / "search-bench.sqlite3"
    path.parent.mkdir(exist_ok=True)
    if path.exists():
        path.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return os.environ["DATABASE_URL"]


def remove_bench_data():
    from meetings.models import Minutes, Paragraph
    from organisations.models import Cooperation
    from search import registry

    with registry.paused():
        Paragraph.objects.filter(body__cooperation__slug=SLUG).delete()
        Minutes.objects.filter(meeting__body__cooperation__slug=SLUG).delete()  # approved: past the model's freeze
        Cooperation.objects.filter(slug=SLUG).delete()


def main():
    database_url()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from meetings.models import Meeting, Minutes, Paragraph
    from organisations.models import Body, Cooperation
    from search import index, registry, selectors
    from search.models import SearchEntry

    rng = random.Random(2035)
    remove_bench_data()
    with registry.paused():
        coop = Cooperation.objects.create(slug=SLUG, name="Sökbenchmark", short_name="Bench")
        body = Body.objects.create(cooperation=coop, kind=Body.Kind.COMMITTEE, name="Benchkommittén", slug="bench")
        rows = []
        years = list(range(2000, 2020))
        per_year = DOCUMENTS // len(years)
        for year in years:
            meeting = Meeting.objects.create(body=body, date=dt.date(year, 3, 4), status=Meeting.Status.HELD)
            minutes = Minutes.objects.create(
                meeting=meeting, status=Minutes.Status.APPROVED, approval_date=meeting.date
            )
            for number in range(1, per_year + 1):
                rows.append(
                    Paragraph(
                        minutes=minutes,
                        body=body,
                        year=year,
                        number=number,
                        title=sentence(rng, 6),
                        case_number=f"{year}/SK {number:04d}",
                        description=sentence(rng, 60),
                        decision=sentence(rng, 24),
                    )
                )
        Paragraph.objects.bulk_create(rows, batch_size=1000)
    print(f"{connection.vendor}: {len(rows)} paragraphs written", flush=True)

    indexer = registry.get("paragraph")
    pks = list(Paragraph.objects.filter(body=body).values_list("pk", flat=True))
    start = time.perf_counter()
    with transaction.atomic():
        written = index.index_pks(indexer, pks)
    elapsed = time.perf_counter() - start
    assert written == DOCUMENTS and SearchEntry.objects.filter(cooperation=coop).count() == DOCUMENTS
    print(f"indexed {written} documents in {elapsed:.1f} s ({written / elapsed:,.0f} documents/s)", flush=True)

    sample = pks[:200]
    start = time.perf_counter()
    for pk in sample:
        with transaction.atomic():
            index.index_pks(indexer, [pk])
    single = (time.perf_counter() - start) / len(sample) * 1000
    print(f"re-indexing one document on write: {single:.1f} ms (mean of {len(sample)})", flush=True)

    for query in QUERIES:
        timings = []
        for _ in range(7):
            start = time.perf_counter()
            result = selectors.search(coop, None, query)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"query {query!r}: {result.total} hits, median {statistics.median(timings):.0f} ms "
            f"(first page of 20 with facets and snippets)",
            flush=True,
        )
    start = time.perf_counter()
    page = selectors.decision_page(coop, None)
    print(
        f"decision register, first page of {len(page.rows)} of {page.total}: "
        f"{(time.perf_counter() - start) * 1000:.0f} ms",
        flush=True,
    )

    remove_bench_data()


if __name__ == "__main__":
    main()
