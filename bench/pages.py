"""Benchmark: public pages as a share of /healthz throughput (page cache cold and warm), documents first vs repeat
download, and /healthz latency while two clients download documents.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverkan_bench .venv/bin/python bench/pages.py [--seconds 3]

What it does (README, "Benchmarks"): creates and migrates the database if needed and loads the Södertörn demo into
it if empty; collects the static files into var/bench-static (once); starts two gunicorn servers in production mode
(DEBUG off, gthread: 2 workers x 4 threads), one with the page cache and one without (`SAMVERKAN_PAGE_CACHE=false`:
every request renders, i.e. the cache-cold cost); both share the cache at CACHE_URL (default Redis on
127.0.0.1:6379 database 15, else a file cache in a temporary folder). The load generator is `wrk` (`-t2 -c8`) if
installed, else a small Python one (threads and httpx, keep-alive); the output says which. Each page is measured
right after /healthz on the same server, so the ratio is robust against other load on the machine; the three
(/healthz, cold, warm) are measured three times in turn and the best run of each is reported (the per-run warm
ratios beside it).

The servers run with `--reuse-port` (each worker its own listening socket, the kernel spreads the connections):
without it, wrk's eight keep-alive connections were accepted by one worker in about one run of five (8:0, measured
with `ss` on 2026-11-26), which halved that run's throughput whatever the page. The downloads in the /healthz
latency part run in separate processes, so the probe is not slowed by the downloaders' Python in its own process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def ensure_database(url: str):
    from urllib.parse import urlsplit

    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def server_env(base: dict, **extra) -> dict:
    env = dict(base)
    env.update(extra)
    return env


def wait_until_up(port: int, seconds: float = 60):
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server on port {port} did not come up")


# -- Load generators -------------------------------------------------------------------------------
def wrk_rate(url: str, seconds: float) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{max(1, round(seconds))}s", "-H", "Accept-Encoding: gzip", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def python_rate(url: str, seconds: float, clients: int = 8) -> float:
    import httpx

    counts = [0] * clients
    stop = time.monotonic() + seconds

    def run(i):
        with httpx.Client(headers={"Accept-Encoding": "gzip"}) as client:
            while time.monotonic() < stop:
                client.get(url)
                counts[i] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / seconds


def page_urls(env: dict) -> list[tuple[str, str]]:
    """(page type, path) of every public page type of the demo, ids read from the database."""
    os.environ.update({k: v for k, v in env.items() if k in ("DATABASE_URL", "CACHE_URL", "SECRET_KEY")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from budget.models import Budget
    from kpi.models import KeyFigureGroup, KeyFigureValue
    from meetings.models import Meeting, Minutes
    from organisations.models import Body, Cooperation
    from plans.models import OperatingPlan
    from programme.selectors import programme_in_force

    coop = Cooperation.objects.get(slug="sodertorn")
    s = f"/{coop.slug}"
    member = coop.current_members().first()
    body = Body.objects.filter(cooperation=coop).order_by("pk").first()
    programme = programme_in_force(coop)
    meeting = Meeting.objects.published().filter(body__cooperation=coop).order_by("date").first()
    minutes = Minutes.objects.published().filter(meeting__body__cooperation=coop).order_by("pk").first()
    budget = Budget.objects.published().filter(cooperation=coop).order_by("year").first()
    group = KeyFigureGroup.objects.filter(cooperation=coop).order_by("pk").first()
    figure = KeyFigureValue.objects.order_by("pk").select_related("figure").first().figure
    plan = OperatingPlan.objects.filter(cooperation=coop).order_by("year").first()
    pages = [
        ("overview", f"{s}/"),
        ("municipality list", f"{s}/kommuner/"),
        ("municipality", f"{s}/kommuner/{member.code}/"),
        ("body list", f"{s}/organ/"),
        ("body", f"{s}/organ/{body.slug}/"),
        ("networks", f"{s}/natverk/"),
        ("jointly owned", f"{s}/organisationer/"),
        ("programme", f"{s}/program/"),
        ("programme detail", f"{s}/program/{programme.slug}/"),
        ("goal tree", f"{s}/program/{programme.slug}/maltrad/"),
        ("calendar 2011", f"{s}/kalender/?ar=2011"),
        ("iCalendar feed", f"{s}/kalender.ics"),
        ("meeting", f"{s}/kalender/mote/{meeting.pk}/"),
        ("minutes", f"{s}/protokoll/{minutes.pk}/"),
        ("budget", f"{s}/budget/{budget.year}/"),
        ("key figures", f"{s}/nyckeltal/"),
        ("key-figure comparison", f"{s}/nyckeltal/{group.slug}/"),
        ("key figure", f"{s}/nyckeltal/tal/{figure.kolada_id}/"),
        ("operating plan", f"{s}/verksamhetsplan/{plan.year}/"),
        ("API: cooperations", "/api/v1/cooperations"),
        ("API: meetings", f"/api/v1/cooperations/{coop.slug}/meetings"),
        ("API: bodies", f"/api/v1/cooperations/{coop.slug}/bodies"),
        ("API: budgets", f"/api/v1/cooperations/{coop.slug}/budgets"),
        ("API: activities", f"/api/v1/cooperations/{coop.slug}/activities"),
    ]
    documents = [
        ("operating plan PDF", f"{s}/verksamhetsplan/{plan.year}/verksamhetsplan.pdf"),
        ("programme PDF", f"{s}/program/{programme.slug}/pdf/"),
        ("budget PDF", f"{s}/budget/{budget.year}/budget.pdf"),
        ("minutes PDF", f"{s}/protokoll/{minutes.pk}/protokoll.pdf"),
    ]
    return pages, documents


def downloader(warm: str, path: str, rerender: bool, stop) -> None:
    """A client downloading `path` in a loop until `stop` is set (run in its own process). With `rerender`, the
    content version is bumped before each download, as if a write came before every one: a full render each
    time."""
    import httpx

    if rerender:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        from core import freshness
    with httpx.Client(timeout=300) as client:
        while not stop.is_set():
            if rerender:
                freshness.bump(None)
            client.get(warm + path)


def p50_healthz(base: str, seconds: float) -> float:
    import httpx

    times = []
    stop = time.monotonic() + seconds
    with httpx.Client() as client:
        while time.monotonic() < stop:
            start = time.perf_counter()
            client.get(f"{base}/healthz")
            times.append(time.perf_counter() - start)
            time.sleep(0.005)
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each load run")
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (the best is reported)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (it is created if missing)")
    ensure_database(url)
    work = Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
    cache_url = os.environ.get("CACHE_URL") or ("redis://127.0.0.1:6379/15" if redis_up() else f"file://{work}/cache")
    base_env = server_env(
        os.environ,
        DATABASE_URL=url,
        CACHE_URL=cache_url,
        SAMVERKAN_ENV="production",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        LOG_LEVEL="ERROR",
        REQUIRE_MFA="false",
        MEDIA_ROOT=str(work / "media"),
    )
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=base_env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "load_sodertorn", "--if-empty"], env=base_env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    if not (ROOT / "var" / "bench-static" / "staticfiles.json").exists():  # production's manifest storage
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=base_env, check=True, cwd=ROOT)
    pages, documents = page_urls(base_env)
    from django.core.cache import cache

    cache.clear()
    tool = "wrk -t2 -c8" if shutil.which("wrk") else "Python threads + httpx, 8 clients"
    rate = wrk_rate if shutil.which("wrk") else python_rate
    gunicorn = [
        GUNICORN,
        "config.wsgi",
        "--workers",
        "2",
        "--threads",
        "4",
        "--worker-class",
        "gthread",
        "--log-level",
        "error",
        "--reuse-port",
    ]
    warm_port, cold_port = args.port, args.port + 100
    # Each server its own control socket (gunicorn >= 26 opens one, by default the same path for every server).
    servers = [
        subprocess.Popen(
            [*gunicorn, "--bind", f"127.0.0.1:{warm_port}", "--control-socket", str(work / "warm.ctl")],
            env=base_env,
            cwd=ROOT,
        ),
        subprocess.Popen(
            [*gunicorn, "--bind", f"127.0.0.1:{cold_port}", "--control-socket", str(work / "cold.ctl")],
            env=server_env(base_env, SAMVERKAN_PAGE_CACHE="false"),
            cwd=ROOT,
        ),
    ]
    try:
        wait_until_up(warm_port, 180)
        wait_until_up(cold_port, 180)
        import httpx

        warm, cold = f"http://127.0.0.1:{warm_port}", f"http://127.0.0.1:{cold_port}"
        print(
            f"load: {tool}, {args.seconds:g} s per run; gunicorn gthread 2x4, PostgreSQL, DEBUG off; "
            f"cache {cache_url.split('://')[0]}; {os.cpu_count()} CPUs"
        )
        print(
            "| page | bytes | /healthz req/s | cold req/s | cold % | warm req/s | warm % | warm % of each run's "
            "/healthz |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for name, path in pages:
            size = len(httpx.get(warm + path, timeout=120).content)
            httpx.get(warm + path, timeout=120)  # warm the cache
            httpx.get(cold + path, timeout=120)
            runs = []
            for _ in range(args.runs):
                runs.append(
                    (
                        rate(f"{warm}/healthz", args.seconds),
                        rate(cold + path, args.seconds),
                        rate(warm + path, args.seconds),
                    )
                )
            health, cold_rate, warm_rate = (max(run[i] for run in runs) for i in range(3))
            each = ", ".join(f"{100 * w / h:.0f}" for h, _c, w in runs)
            print(
                f"| {name} | {size} | {health:.0f} | {cold_rate:.0f} | {100 * cold_rate / health:.0f} % | "
                f"{warm_rate:.0f} | {100 * warm_rate / health:.0f} % | {each} |",
                flush=True,
            )

        print("\n| document | first download ms | repeat ms (median of 5) | repeat / first |")
        print("| --- | ---: | ---: | ---: |")
        with httpx.Client(timeout=300) as client:
            for name, path in documents:
                cache.clear()
                start = time.perf_counter()
                first = client.get(warm + path)
                first_ms = (time.perf_counter() - start) * 1000
                repeats = []
                for _ in range(5):
                    start = time.perf_counter()
                    again = client.get(warm + path)
                    repeats.append((time.perf_counter() - start) * 1000)
                    assert again.content == first.content
                repeat_ms = statistics.median(repeats)
                print(
                    f"| {name} ({first.status_code}, {len(first.content)} B) | {first_ms:.0f} | {repeat_ms:.1f} | "
                    f"{100 * repeat_ms / first_ms:.1f} % |",
                    flush=True,
                )

        idle = p50_healthz(warm, args.seconds)
        spawn = multiprocessing.get_context("spawn")
        results = {}
        for rerender in (False, True):
            stop = spawn.Event()
            clients = [
                spawn.Process(target=downloader, args=(warm, path, rerender, stop)) for _name, path in documents[:2]
            ]
            for client in clients:
                client.start()
            time.sleep(3 if rerender else 1)  # the clients' start (Django's setup) is not part of the load
            results[rerender] = p50_healthz(warm, args.seconds * 2)
            stop.set()
            for client in clients:
                client.join(timeout=300)
        print("\n| /healthz p50 | ms | x idle |")
        print("| --- | ---: | ---: |")
        print(f"| idle | {idle:.2f} | 1.0 |")
        print(f"| two clients downloading stored documents | {results[False]:.2f} | {results[False] / idle:.1f} |")
        print(f"| two clients, every download re-rendered | {results[True]:.2f} | {results[True] / idle:.1f} |")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        cache.clear()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
