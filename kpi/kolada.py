"""A small client for Kolada's open API, version 3 (https://api.kolada.se/v3).

Every list answer has the shape ``{"count": n, "values": [...], "next_url": "..."|null}``; data rows
look like ``{"kpi": "N01951", "municipality": "0127", "period": 2014,
"values": [{"gender": "T", "count": 1, "status": "", "value": 88901}]}``. At most 25 ids or years
go in one path segment, so requests are chunked; we keep to about 5 requests a second, retry 5xx and
429 with backoff (honouring Retry-After) and raise KoladaError naming the URL on anything unexpected.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

MAX_IDS_PER_SEGMENT = 25
GENDER_CODES = {"T", "K", "M"}


class KoladaError(Exception):
    """Kolada answered something we cannot use; the message names the URL and the place."""


def chunks(items: Iterable, size: int = MAX_IDS_PER_SEGMENT) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class KoladaClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        requests_per_second: float | None = 5.0,
        timeout: float = 30.0,
        max_retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        sleep=time.sleep,
    ):
        self.base_url = (base_url or settings.KOLADA_BASE_URL).rstrip("/")
        self.min_interval = 1.0 / requests_per_second if requests_per_second else 0.0
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self._last_request = 0.0
        self.request_count = 0
        self.http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=True,
            headers={"Accept": "application/json", "User-Agent": "Samverkan (kommunsamverkan)"},
        )

    def close(self):
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- transport -------------------------------------------------------------------------------
    def _throttle(self):
        if self.min_interval:
            wait = self._last_request + self.min_interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last_request = time.monotonic()

    def get_json(self, url: str) -> dict:
        if not url.startswith("http"):
            url = f"{self.base_url}/{url.lstrip('/')}"
        attempt = 0
        while True:
            self._throttle()
            self.request_count += 1
            try:
                response = self.http.get(url)
            except httpx.TimeoutException as exc:
                if attempt >= self.max_retries:
                    raise KoladaError(_("Kolada did not answer in time: %(url)s") % {"url": url}) from exc
                self.sleep(self.backoff * 2**attempt)
                attempt += 1
                continue
            except httpx.HTTPError as exc:
                raise KoladaError(
                    _("Could not reach Kolada (%(error)s): %(url)s") % {"error": exc.__class__.__name__, "url": url}
                ) from exc
            if response.status_code == 429 or response.status_code >= 500:
                if attempt >= self.max_retries:
                    raise KoladaError(
                        _("Kolada answered %(status)s after %(attempts)s attempts: %(url)s")
                        % {"status": response.status_code, "attempts": attempt + 1, "url": url}
                    )
                self.sleep(self._retry_wait(response, attempt))
                attempt += 1
                continue
            if response.status_code == 410:
                raise KoladaError(_("Kolada answered 410 Gone (wrong API version?): %(url)s") % {"url": url})
            if response.status_code != 200:
                raise KoladaError(
                    _("Kolada answered %(status)s: %(url)s") % {"status": response.status_code, "url": url}
                )
            try:
                data = response.json()
            except ValueError as exc:
                raise KoladaError(
                    _("Kolada answered with invalid JSON (a truncated answer?): %(url)s") % {"url": url}
                ) from exc
            if not isinstance(data, dict) or not isinstance(data.get("values"), list):
                raise KoladaError(
                    _("Unexpected answer from Kolada, the field 'values' is missing: %(url)s") % {"url": url}
                )
            return data

    def _retry_wait(self, response: httpx.Response, attempt: int) -> float:
        header = response.headers.get("Retry-After")
        if header is not None:
            try:
                return min(max(float(header), 0.0), self.max_wait)
            except ValueError:
                pass
        return min(self.backoff * 2**attempt, self.max_wait)

    def pages(self, path: str) -> Iterator[tuple[str, dict]]:
        """Yield (url, page) for a list endpoint, following `next_url`."""
        url: str | None = f"{self.base_url}/{path.lstrip('/')}"
        seen = set()
        while url:
            if url in seen:
                raise KoladaError(_("Kolada gave the same next_url twice: %(url)s") % {"url": url})
            seen.add(url)
            page = self.get_json(url)
            yield url, page
            url = page.get("next_url") or None

    # -- endpoints -------------------------------------------------------------------------------
    def kpis(self, ids: Iterable[str]) -> Iterator[dict]:
        for chunk in chunks(ids):
            for _url, page in self.pages(f"kpi/{','.join(chunk)}"):
                yield from page["values"]

    def municipalities(self) -> Iterator[dict]:
        for _url, page in self.pages("municipality"):
            yield from page["values"]

    def municipality_groups(self, ids: Iterable[str]) -> Iterator[dict]:
        for chunk in chunks(ids):
            for _url, page in self.pages(f"municipality_groups/{','.join(chunk)}"):
                yield from page["values"]

    def data_pages(
        self, kpi_id: str, municipality_ids: list[str] | None, years: list[int]
    ) -> Iterator[tuple[str, dict]]:
        """Data pages for one key figure: /data/kpi/{id}[/municipality/{ids}]/year/{years}."""
        muni_chunks = list(chunks(municipality_ids)) if municipality_ids else [None]
        for munis in muni_chunks:
            for year_chunk in chunks(years):
                path = f"data/kpi/{kpi_id}"
                if munis:
                    path += f"/municipality/{','.join(munis)}"
                path += f"/year/{','.join(str(y) for y in year_chunk)}"
                yield from self.pages(path)


def parse_data_page(page: dict, url: str, *, expected_kpi: str | None = None) -> Iterator[tuple]:
    """Yield (kpi, municipality, year, gender, value, status) from one v3 data page.

    Raises KoladaError naming the URL and the row on a missing field or a non-numeric value.
    """
    values = page.get("values") if isinstance(page, dict) else None
    if not isinstance(values, list):
        raise KoladaError(_("Unexpected answer from Kolada, the field 'values' is missing: %(url)s") % {"url": url})
    for index, row in enumerate(values):
        where = _("%(url)s, row %(row)s") % {"url": url, "row": index + 1}
        if not isinstance(row, dict):
            raise KoladaError(_("Unexpected row in the answer from Kolada (%(where)s).") % {"where": where})
        for key in ("kpi", "municipality", "period", "values"):
            if key not in row:
                raise KoladaError(
                    _("The field '%(field)s' is missing in the answer from Kolada (%(where)s).")
                    % {"field": key, "where": where}
                )
        kpi = str(row["kpi"])
        if expected_kpi and kpi != expected_kpi:
            raise KoladaError(
                _("Kolada gave the key figure %(kpi)s but %(expected)s was asked for (%(where)s).")
                % {"kpi": kpi, "expected": expected_kpi, "where": where}
            )
        try:
            year = int(row["period"])
        except (TypeError, ValueError):
            raise KoladaError(
                _("Invalid year %(year)r in the answer from Kolada (%(where)s).")
                % {"year": row["period"], "where": where}
            ) from None
        if not isinstance(row["values"], list):
            raise KoladaError(_("The field 'values' is not a list (%(where)s).") % {"where": where})
        for cell in row["values"]:
            if not isinstance(cell, dict) or "gender" not in cell or "value" not in cell:
                raise KoladaError(
                    _("The field 'gender' or 'value' is missing in the answer from Kolada (%(where)s).")
                    % {"where": where}
                )
            gender = cell["gender"]
            if gender not in GENDER_CODES:
                raise KoladaError(
                    _("Unknown gender %(gender)r in the answer from Kolada (%(where)s).")
                    % {"gender": gender, "where": where}
                )
            value = to_decimal(cell["value"], where)
            yield kpi, str(row["municipality"]), year, gender, value, cell.get("status") or ""


def to_decimal(raw, where: str) -> Decimal | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise KoladaError(_("The value %(value)r is not a number (%(where)s).") % {"value": raw, "where": where})
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise KoladaError(
            _("The value %(value)r is not a number (%(where)s).") % {"value": raw, "where": where}
        ) from None
    if not value.is_finite():
        raise KoladaError(_("The value %(value)r is not a number (%(where)s).") % {"value": raw, "where": where})
    return value.quantize(Decimal("0.000001"))
