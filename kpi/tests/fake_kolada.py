"""A local fake of Kolada's API v3: a real HTTP server on 127.0.0.1 replaying recorded data.

The pages are built in Kolada's exact v3 shape from the recorded files in kpi/data/:
  {"count": n, "values": [...], "next_url": "http://127.0.0.1:port/v3/...?page=2" | null}
Data rows: {"kpi", "municipality", "period", "values": [{"count", "gender", "status", "value"}]}.
`faults` lets a test make a URL answer e.g. 429 or 500 the first time, or a broken page.
"""

from __future__ import annotations

import csv
import json
import threading
from collections import Counter, defaultdict
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).resolve().parent.parent / "data"


def recorded_rows() -> list[dict]:
    """Flat rows {kpi, municipality, period, gender, value, status} from the recorded files."""
    rows = []
    for name, column, kpi, scale in (
        (
            "sodertornsmodellen_ddf--datapoints--population_20xx_12_31--by--municipality--year.csv",
            "population_20xx_12_31",
            "N01951",
            1,
        ),
        (
            "sodertornsmodellen_ddf--datapoints--employment_rate_20_64--by--municipality--year.csv",
            "employment_rate_20_64",
            "N02267",
            100,
        ),
    ):
        with open(DATA / name, newline="") as fh:
            for row in csv.DictReader(fh):
                value = float(Decimal(row[column]) * scale)
                rows.append(
                    {
                        "kpi": kpi,
                        "municipality": row["municipality"][:4],
                        "period": int(row["year"]),
                        "gender": "T",
                        "value": value,
                        "status": "",
                    }
                )
    with open(DATA / "sodertornsmodellen_ddf--datapoints--population_20xx_12_31--by--county--year.csv") as fh:
        for row in csv.DictReader(fh):
            rows.append(
                {
                    "kpi": "N01951",
                    "municipality": "0001",
                    "period": int(row["year"]),
                    "gender": "T",
                    "value": int(row["population_20xx_12_31"]),
                    "status": "",
                }
            )
    for name in ("rkolada_v3_values_n00945.csv", "rkolada_v3_values_kld_data.csv"):
        with open(DATA / name, newline="") as fh:
            for row in csv.DictReader(fh):
                rows.append(
                    {
                        "kpi": row["kpi"],
                        "municipality": row["municipality_id"],
                        "period": int(row["year"]),
                        "gender": row["gender"],
                        "value": float(row["value"]) if row["value"] not in ("", "NA") else None,
                        "status": row["status"],
                    }
                )
    return rows


def data_objects(rows: list[dict]) -> list[dict]:
    """Group flat rows into v3 data objects (one per kpi × municipality × period)."""
    grouped: dict[tuple, list] = defaultdict(list)
    for row in rows:
        grouped[(row["kpi"], row["municipality"], row["period"])].append(
            {"count": 1, "gender": row["gender"], "status": row["status"], "value": row["value"]}
        )
    return [{"kpi": k, "municipality": m, "period": p, "values": v} for (k, m, p), v in sorted(grouped.items())]


class FakeKolada:
    def __init__(self, rows: list[dict] | None = None, *, per_page: int = 20):
        self.rows = recorded_rows() if rows is None else rows
        self.per_page = per_page
        self.municipalities = json.loads((DATA / "rkolada_v3_municipality.json").read_text())
        self.groups = json.loads((DATA / "rkolada_v3_municipality_groups_selected.json").read_text())
        self.kpis = json.loads((DATA / "rkolada_v3_kpi_selected.json").read_text())
        self.faults: dict[str, list[tuple[int, dict, bytes]]] = defaultdict(list)
        self.hits: Counter = Counter()  # successful (200) answers per full path
        self.requests: list[str] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v3"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def fault(self, path_and_query: str, status: int, body: bytes | str = b"", headers: dict | None = None):
        """Answer `path_and_query` (e.g. '/v3/municipality') once with this, before the normal answer."""
        if isinstance(body, str):
            body = body.encode()
        self.faults[path_and_query].append((status, headers or {}, body))

    # -- routing --------------------------------------------------------------------------------
    def _paginate(self, path: str, items: list, page: int) -> dict:
        start = (page - 1) * self.per_page
        chunk = items[start : start + self.per_page]
        more = start + self.per_page < len(items)
        return {
            "count": len(chunk),
            "values": chunk,
            "next_url": f"{self.base_url}{path}?page={page + 1}" if more else None,
        }

    def answer(self, path: str, query: dict) -> tuple[int, dict | None]:
        page = int(query.get("page", ["1"])[0])
        parts = [p for p in path.split("/") if p]
        if parts[:1] != ["v3"]:
            return 404, None
        parts = parts[1:]
        sub = "/" + "/".join(parts)
        if parts == ["municipality"]:
            return 200, self._paginate("/municipality", self.municipalities, page)
        if len(parts) == 2 and parts[0] == "municipality_groups":
            ids = parts[1].split(",")
            return 200, self._paginate(sub, [g for g in self.groups if g["id"] in ids], page)
        if len(parts) == 2 and parts[0] == "kpi":
            ids = parts[1].split(",")
            return 200, self._paginate(sub, [k for k in self.kpis if k["id"] in ids], page)
        if len(parts) >= 5 and parts[:2] == ["data", "kpi"]:
            kpi_ids = parts[2].split(",")
            rest = dict(zip(parts[3::2], parts[4::2], strict=False))
            munis = set(rest["municipality"].split(",")) if "municipality" in rest else None
            years = {int(y) for y in rest.get("year", "").split(",") if y}
            if len(kpi_ids) > 25 or (munis and len(munis) > 25) or len(years) > 25:
                return 400, {"error": "too many ids"}
            rows = [
                r
                for r in self.rows
                if r["kpi"] in kpi_ids and r["period"] in years and (munis is None or r["municipality"] in munis)
            ]
            return 200, self._paginate(sub, data_objects(rows), page)
        return 404, None

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                split = urlsplit(self.path)
                with fake.lock:
                    fake.requests.append(self.path)
                    queued = fake.faults.get(self.path)
                    fault = queued.pop(0) if queued else None
                if fault:
                    status, headers, body = fault
                else:
                    status, payload = fake.answer(split.path, parse_qs(split.query))
                    headers, body = {"Content-Type": "application/json"}, json.dumps(payload).encode()
                    if status == 200:
                        with fake.lock:
                            fake.hits[self.path] += 1
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
