"""Writes of the kpi app: definitions from Kolada, streaming value import, CSV import/export."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, reset_queries, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import freshness
from core.errors import DomainError
from core.exports import read_csv, to_csv, unneutralise
from core.formatting import parse_sv_decimal
from core.services import SYSTEM, audited_delete, audited_save, history_user, require_permission
from kpi import audit
from kpi.kolada import KoladaError, parse_data_page
from kpi.models import Area, ImportBatch, KeyFigure, KeyFigureGroup, KeyFigureGroupItem, KeyFigureValue
from organisations.models import Municipality
from organisations.services import population_set

POPULATION_ID = "N01951"

#: Who may import values and Kolada metadata (kpi/rules.py): national data, any secretariat.
IMPORT_PERMISSION = "kpi.import_values"
#: Who may start an import from Kolada for their cooperation's group (kpi/rules.py): its secretariat.
KOLADA_IMPORT_PERMISSION = "kpi.start_kolada_import"
FLUSH_SIZE = 5000
CSV_COLUMNS = ["kpi", "municipality_id", "year", "gender", "value", "status", "municipality"]
REQUIRED_CSV_COLUMNS = ["kpi", "municipality_id", "year", "gender", "value"]

#: Direction of the figures the platform knows; the rest stay neutral (None).
HIGHER_IS_BETTER = {
    "N01982": True,
    "N17473": True,
    "U07453": True,
    "N00999": True,
    "N02267": True,
    "N07418": True,
    "N07916": True,
    "N17461": True,
    "N15419": True,
    "N03937": False,
    "N00926": False,
    "N00905": True,
    "N07900": True,
    "N07918": True,
    "N00923": True,
    "N03001": True,
    "N03106": True,
    "N03002": True,
}


def parse_year_range(text: str) -> list[int]:
    """'2010-2025' or '2014' → list of years; a clear Swedish error when backwards or malformed."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text or "")
    if not match:
        raise ValidationError(_("The year range %(text)s is not of the form 2010-2025.") % {"text": text})
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise ValidationError(
            _("The year range %(text)s is backwards: %(last)s is before %(first)s.")
            % {"text": text, "first": first, "last": last}
        )
    return list(range(first, last + 1))


def unit_from_title(title: str) -> tuple[str, bool]:
    """(unit, is_count) guessed from a Kolada title such as 'Invånare totalt, antal'."""
    lowered = title.lower()
    if "%" in lowered:
        return "%", False
    if "kr/inv" in lowered or "kr/invånare" in lowered:
        return "kr/inv", False
    if "/1000" in lowered:
        return "antal/1000 inv", False
    if "index" in lowered:
        return "index", False
    if "meritvärde" in lowered:
        return "meritvärde", False
    if lowered.rstrip().endswith("antal"):
        return "antal", True
    if lowered.rstrip().endswith("år"):
        return "år", False
    return "", False


def upsert_figure_from_kolada(meta: dict, *, actor) -> KeyFigure:
    """Create or update a KeyFigure from a v3 KPI object; a local direction setting is kept."""
    require_permission(actor, IMPORT_PERMISSION, None)
    for key in ("id", "title"):
        if key not in meta:
            raise KoladaError(_("Field '%(key)s' is missing in Kolada's key figure metadata.") % {"key": key})
    unit, is_count = unit_from_title(meta["title"])
    figure = KeyFigure.objects.filter(kolada_id=meta["id"]).first() or KeyFigure(
        kolada_id=meta["id"], higher_is_better=HIGHER_IS_BETTER.get(meta["id"])
    )
    figure.title = meta["title"][:300]
    figure.description = (meta.get("description") or "").replace("\\n", "\n").strip()
    figure.operating_area = (meta.get("operating_area") or "")[:200]
    figure.is_divided_by_gender = bool(meta.get("is_divided_by_gender"))
    figure.unit, figure.is_count = unit, is_count
    figure.source = "Kolada"
    return audited_save(figure, actor=actor, action=audit.FIGURE_IMPORTED, validate=False)


@transaction.atomic
def upsert_areas(rows: Iterable[dict], *, actor, area_type: str | None = None) -> int:
    """Store Kolada 'municipalities' ({id, title, type}) or groups ({id, title, members})."""
    require_permission(actor, IMPORT_PERMISSION, None)
    count = 0
    for row in rows:
        kind = area_type or row.get("type")
        if kind not in ("K", "L", "G") or "id" not in row:
            raise KoladaError(_("Unexpected municipality row from Kolada: %(row)r") % {"row": row})
        Area.objects.update_or_create(
            kolada_id=row["id"], defaults={"title": row.get("title", row["id"]), "type": kind}
        )
        count += 1
    return count


class _Upserter:
    """Buffers values and writes them in bulk (ON CONFLICT DO UPDATE); never holds more than FLUSH_SIZE.

    The population (N01951, total) of a municipality of the register goes to the one population store,
    organisations.Population (31 December of the year), through its service, naming the batch's source.
    """

    def __init__(self, batch: ImportBatch, flush_size: int | None = None, *, actor=None, now=None):
        self.batch = batch
        self.actor = actor
        self.now = now or timezone.now()
        self.flush_size = flush_size or FLUSH_SIZE
        self.buffer: dict[tuple, KeyFigureValue] = {}
        self.population: dict[tuple, KeyFigureValue] = {}
        self.written = 0
        self._population_routes: tuple[int | None, dict] | None = None

    def _routes(self) -> tuple[int | None, dict]:
        """(id of N01951, {area id: municipality}) for the register's municipalities; two queries, once."""
        if self._population_routes is None:
            figure_id = KeyFigure.objects.filter(kolada_id=POPULATION_ID).values_list("id", flat=True).first()
            municipalities = {m.code: m for m in Municipality.objects.all()}
            areas = Area.objects.filter(type=Area.Type.MUNICIPALITY, kolada_id__in=list(municipalities))
            self._population_routes = (figure_id, {a.pk: municipalities[a.kolada_id] for a in areas})
        return self._population_routes

    def _is_population(self, figure_id, area_id, year, gender, value) -> bool:
        """Route the register's population (N01951, total) to the one population store; True if it was."""
        if gender == "T":
            population_id, areas = self._routes()
            if figure_id == population_id and area_id in areas:
                self.population[(area_id, year)] = value
                return True
        return False

    def add_row(self, figure_id, area_id, year, gender, value, status, source_url):
        if self._is_population(figure_id, area_id, year, gender, value):
            return
        self.buffer[(figure_id, area_id, year, gender)] = KeyFigureValue(
            figure_id=figure_id,
            area_id=area_id,
            year=year,
            gender=gender,
            value=value,
            status=status,
            imported_at=self.now,
            batch=self.batch,
            source_url=source_url,
        )
        if len(self.buffer) >= self.flush_size:
            self.flush()

    def _population_source(self) -> str:
        if self.batch.kind == ImportBatch.Kind.KOLADA:
            return f"Kolada {POPULATION_ID} ({self.batch.source})"[:300]
        return self.batch.source[:300]

    def _flush_population(self):
        _figure_id, areas = self._routes()
        for (area_id, year), value in sorted(self.population.items()):
            if value is None:
                continue
            number = int(value) if value == value.to_integral_value() else str(value)
            population_set(
                actor=self.actor,
                municipality=areas[area_id],
                reference_date=dt.date(year, 12, 31),
                inhabitants=number,
                source=self._population_source(),
                source_kind=self.batch.kind,
                import_batch=f"kpi-batch-{self.batch.pk}",
            )
            self.written += 1
        self.population = {}

    def flush(self):
        if self.population:
            self._flush_population()
        if not self.buffer:
            return
        KeyFigureValue.objects.bulk_create(
            list(self.buffer.values()),
            update_conflicts=True,
            unique_fields=["figure", "area", "year", "gender"],
            update_fields=["value", "status", "imported_at", "batch", "source_url"],
        )
        self.written += len(self.buffer)
        self.buffer = {}
        reset_queries()  # with DEBUG on, Django would otherwise keep every (huge) INSERT in memory

    def pending(self) -> int:
        return self.written + len(self.buffer)


STAGE_TABLE = "kpi_value_stage"


class _CopyUpserter(_Upserter):
    """PostgreSQL: the values stream by COPY (psycopg 3) into a temporary staging table, FLUSH_SIZE rows at a
    time, and `flush` moves them into the value table with one INSERT … ON CONFLICT DO UPDATE (the last row of a
    key wins, as in the bulk path). Inside the caller's transaction: a failure rolls the staged rows back with
    everything else. The population is routed as in `_Upserter`."""

    COLUMNS = ("figure_id", "area_id", "year", "gender", "value", "status", "source_url")

    def __init__(self, batch: ImportBatch, flush_size: int | None = None, *, actor=None, now=None):
        super().__init__(batch, flush_size, actor=actor, now=now)
        self.rows: list[tuple] = []
        self.staged = 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE_TABLE} (seq bigserial, figure_id integer, "
                "area_id integer, year smallint, gender varchar(1), value numeric(20, 6), status varchar(20), "
                "source_url varchar(1000))"
            )
            cursor.execute(f"TRUNCATE {STAGE_TABLE}")

    def add_row(self, figure_id, area_id, year, gender, value, status, source_url):
        if self._is_population(figure_id, area_id, year, gender, value):
            return
        self.rows.append((figure_id, area_id, year, gender, value, status, source_url))
        if len(self.rows) >= self.flush_size:
            self._copy()

    def _copy(self):
        if not self.rows:
            return
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {STAGE_TABLE} ({', '.join(self.COLUMNS)}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        # COPY passes Django's cursor wrapper by: say so (the values themselves reach their table through the
        # INSERT in flush(), which the wrapper sees; the staging table is the reason for this call).
        freshness.changed()
        self.staged += len(self.rows)
        self.rows = []

    def flush(self):
        if self.population:
            self._flush_population()
        self._copy()
        if not self.staged:
            return
        table = KeyFigureValue._meta.db_table
        columns = ", ".join(self.COLUMNS[:4])
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (figure_id, area_id, year, gender, value, status, source_url, imported_at, "
                f"batch_id) SELECT DISTINCT ON ({columns}) {columns}, value, status, source_url, %s, %s "
                f"FROM {STAGE_TABLE} ORDER BY {columns}, seq DESC "
                f"ON CONFLICT (figure_id, area_id, year, gender) DO UPDATE SET value = EXCLUDED.value, "
                "status = EXCLUDED.status, imported_at = EXCLUDED.imported_at, batch_id = EXCLUDED.batch_id, "
                "source_url = EXCLUDED.source_url",
                [self.now, self.batch.pk],
            )
            self.written += cursor.rowcount
            cursor.execute(f"TRUNCATE {STAGE_TABLE}")
        self.staged = 0

    def pending(self) -> int:
        return self.written + self.staged + len(self.rows)


def upserter_for(batch: ImportBatch, flush_size: int | None = None, *, actor=None, now=None) -> _Upserter:
    """The COPY path on PostgreSQL, bulk upserts elsewhere (SQLite)."""
    if connection.vendor == "postgresql":
        return _CopyUpserter(batch, flush_size, actor=actor, now=now)
    return _Upserter(batch, flush_size, actor=actor, now=now)


def import_figure_pages(
    figure: KeyFigure,
    pages: Iterable[tuple[str, dict]],
    *,
    batch: ImportBatch,
    area_ids: dict[str, int],
    log: Callable[[str], None] = lambda m: None,
    flush_size: int | None = None,
    actor=None,
) -> int:
    """Import one figure's data pages atomically: a broken page rolls back this figure only."""
    now = timezone.now()
    with transaction.atomic():
        upserter = upserter_for(batch, flush_size or FLUSH_SIZE, actor=actor, now=now)
        for page_no, (url, page) in enumerate(pages, start=1):
            page_url = url[:1000]
            for _kpi, muni, year, gender, value, status in parse_data_page(page, url, expected_kpi=figure.kolada_id):
                area_id = area_ids.get(muni)
                if area_id is None:
                    raise KoladaError(_("Unknown municipality %(id)s in %(url)s.") % {"id": muni, "url": url})
                upserter.add_row(figure.pk, area_id, year, gender, value, status[:20], page_url)
            so_far = upserter.pending()
            log(
                ngettext(
                    "%(kpi)s: page %(page)s read (%(count)s value so far)",
                    "%(kpi)s: page %(page)s read (%(count)s values so far)",
                    so_far,
                )
                % {"kpi": figure.kolada_id, "page": page_no, "count": so_far}
            )
        upserter.flush()
    return upserter.written


def import_batch_start(*, actor, kind: str, source: str, note: str = "") -> ImportBatch:
    """Open the record of one import (who, when, from where); the values point to it."""
    require_permission(actor, IMPORT_PERMISSION, None)
    return ImportBatch.objects.create(kind=kind, source=source[:500], note=note, created_by=history_user(actor))


def import_from_kolada(
    client,
    figures: list[KeyFigure],
    *,
    actor,
    municipality_ids: list[str] | None,
    years: list[int],
    batch: ImportBatch,
    log: Callable[[str], None] = lambda m: None,
) -> dict[str, int | str]:
    """Import each figure in its own transaction. Returns {kolada_id: count or error message}."""
    require_permission(actor, IMPORT_PERMISSION, None)
    area_ids = dict(Area.objects.values_list("kolada_id", "id"))
    results: dict[str, int | str] = {}
    for index, figure in enumerate(figures, start=1):
        log(
            _("[%(i)s/%(n)s] %(kpi)s %(title)s")
            % {"i": index, "n": len(figures), "kpi": figure.kolada_id, "title": figure.title}
        )
        try:
            count = import_figure_pages(
                figure,
                client.data_pages(figure.kolada_id, municipality_ids, years),
                batch=batch,
                area_ids=area_ids,
                log=log,
                actor=actor,
            )
        except KoladaError as exc:
            results[figure.kolada_id] = str(exc)
            log(_("%(kpi)s: NOT imported, earlier values kept: %(error)s") % {"kpi": figure.kolada_id, "error": exc})
            continue
        results[figure.kolada_id] = count
        batch.value_count += count
    batch.finished_at = timezone.now()
    batch.save(update_fields=["value_count", "finished_at"])
    return results


# -- Key-figure groups -------------------------------------------------------------------------------
GROUP_FIELDS = {"name", "description", "kolada_group_id"}
KOLADA_GROUP_RE = re.compile(r"G\d{1,10}")


def _clean_group_fields(fields: dict) -> dict:
    """Trimmed fields; a Swedish refusal for an empty name or a Kolada group id not of the form G96274."""
    cleaned = {name: (value or "").strip() for name, value in fields.items()}
    if "name" in cleaned and not cleaned["name"]:
        raise DomainError(_("Give the group a name."))
    group_id = cleaned.get("kolada_group_id", "")
    if group_id and not KOLADA_GROUP_RE.fullmatch(group_id):
        raise DomainError(_("A Kolada group id is a G followed by digits; %(id)s is not.") % {"id": group_id})
    return cleaned


@transaction.atomic
def key_figure_group_save(*, actor, cooperation, slug: str, **fields) -> KeyFigureGroup:
    """Create or update the cooperation's group with this slug."""
    unknown = set(fields) - GROUP_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields for KeyFigureGroup: {sorted(unknown)}")
    group = KeyFigureGroup.objects.filter(cooperation=cooperation, slug=slug).first()
    action = audit.GROUP_CHANGED if group else audit.GROUP_CREATED
    group = group or KeyFigureGroup(cooperation=cooperation, slug=slug)
    require_permission(actor, "change" if group.pk else "add", group)
    for name, value in _clean_group_fields(fields).items():
        setattr(group, name, value)
    return audited_save(group, actor=actor, action=action)


def key_figure_group_create(
    *, actor, cooperation, name: str, description: str = "", kolada_group_id: str = ""
) -> KeyFigureGroup:
    """A new group of the cooperation; its address (slug) comes from the name, made unique in the cooperation."""
    require_permission(actor, "add", KeyFigureGroup(cooperation=cooperation))
    fields = _clean_group_fields({"name": name, "description": description, "kolada_group_id": kolada_group_id})
    base = slugify(fields["name"])[:90] or "grupp"
    taken = set(
        KeyFigureGroup.objects.filter(cooperation=cooperation, slug__startswith=base).values_list("slug", flat=True)
    )
    slug = next(
        candidate
        for candidate in (base if n == 1 else f"{base}-{n}" for n in range(1, len(taken) + 2))
        if candidate not in taken
    )
    return key_figure_group_save(actor=actor, cooperation=cooperation, slug=slug, **fields)


def _check_focus_area(group: KeyFigureGroup, focus_area) -> None:
    if focus_area is not None and focus_area.programme.cooperation_id != group.cooperation_id:
        raise DomainError(
            _("The focus area %(name)s belongs to another cooperation's programme.") % {"name": focus_area.name}
        )


@transaction.atomic
def key_figure_group_item_set(
    *, actor, group: KeyFigureGroup, figure: KeyFigure, focus_area=None, order: int = 0
) -> KeyFigureGroupItem:
    """Put a key figure into a group (or move it within the group), linked to a focus area of the
    cooperation's programme (or to none)."""
    item = KeyFigureGroupItem.objects.filter(group=group, figure=figure).first()
    item = item or KeyFigureGroupItem(group=group, figure=figure)
    require_permission(actor, "change" if item.pk else "add", item)
    _check_focus_area(group, focus_area)
    item.focus_area, item.order = focus_area, order
    if focus_area is not None:
        item.focus_area_text = ""
    return audited_save(item, actor=actor, action=audit.GROUP_ITEM_SET)


def catalogue_figure(kolada_id: str) -> KeyFigure | None:
    """The key figure with this Kolada id: stored already, or created from Kolada's catalogue shipped with the
    platform (kpi/data, Kolada's own definitions; a later import refreshes it). None if Kolada has no such id."""
    from kpi.selectors import catalogue_entry

    figure = KeyFigure.objects.filter(kolada_id=kolada_id).first()
    if figure is not None:
        return figure
    entry = catalogue_entry(kolada_id)
    if entry is None:
        return None
    unit, is_count = unit_from_title(entry["title"])
    figure = KeyFigure(
        kolada_id=entry["id"],
        title=entry["title"][:300],
        operating_area=entry["operating_area"][:200],
        is_divided_by_gender=entry["is_divided_by_gender"],
        unit=unit,
        is_count=is_count,
        higher_is_better=HIGHER_IS_BETTER.get(entry["id"]),
        source="Kolada",
    )
    return audited_save(figure, actor=SYSTEM, action=audit.FIGURE_IMPORTED)


@transaction.atomic
def key_figure_group_add(*, actor, group: KeyFigureGroup, kolada_id: str, focus_area=None) -> KeyFigureGroupItem:
    """Add a figure from Kolada's catalogue to the end of the group. Refused in Swedish, nothing changed:
    an id Kolada does not know, a figure already in the group, a focus area of another cooperation."""
    require_permission(actor, "add", KeyFigureGroupItem(group=group))
    kolada_id = (kolada_id or "").strip().upper()
    if not kolada_id:
        raise DomainError(_("Choose a key figure to add."))
    if group.items.filter(figure__kolada_id=kolada_id).exists():
        raise DomainError(_("The key figure %(id)s is already in the group.") % {"id": kolada_id})
    _check_focus_area(group, focus_area)
    figure = catalogue_figure(kolada_id)
    if figure is None:
        raise DomainError(_("Kolada has no key figure with the id %(id)s.") % {"id": kolada_id})
    last = group.items.order_by("-order").values_list("order", flat=True).first()
    return key_figure_group_item_set(
        actor=actor, group=group, figure=figure, focus_area=focus_area, order=0 if last is None else last + 1
    )


@transaction.atomic
def key_figure_group_item_focus(*, actor, item: KeyFigureGroupItem, focus_area) -> KeyFigureGroupItem:
    """Link a figure of a group to a focus area of the programme (None: to none)."""
    require_permission(actor, "change", item)
    _check_focus_area(item.group, focus_area)
    item.focus_area = focus_area
    if focus_area is not None:
        item.focus_area_text = ""
    return audited_save(item, actor=actor, action=audit.GROUP_ITEM_SET)


@transaction.atomic
def key_figure_group_reorder(*, actor, group: KeyFigureGroup, item_ids: list[int]) -> None:
    """Put the group's figures in this order: `item_ids` must name each of its items exactly once."""
    items = {item.pk: item for item in group.items.select_for_update()}
    for item in items.values():
        require_permission(actor, "change", item)
    if sorted(item_ids) != sorted(items):
        raise DomainError(_("The order must list each key figure of the group exactly once; reload the page."))
    for order, pk in enumerate(item_ids):
        item = items[pk]
        if item.order != order:
            item.order = order
            audited_save(item, actor=actor, action=audit.GROUP_ITEM_MOVED, validate=False)


def key_figure_group_move(*, actor, item: KeyFigureGroupItem, step: int) -> None:
    """Move a figure one place up (step -1) or down (step 1) in its group; at either end nothing changes."""
    ids = list(item.group.items.order_by("order", "figure__kolada_id").values_list("pk", flat=True))
    index = ids.index(item.pk)
    target = index + step
    if 0 <= target < len(ids):
        ids[index], ids[target] = ids[target], ids[index]
    key_figure_group_reorder(actor=actor, group=item.group, item_ids=ids)


@transaction.atomic
def key_figure_group_remove(*, actor, item: KeyFigureGroupItem) -> None:
    """Take a figure out of its group (its values stay: they are national data)."""
    require_permission(actor, "delete", item)
    audited_delete(item, actor=actor, action=audit.GROUP_ITEM_REMOVED)


# -- The key-figure report: published by the secretariat -----------------------------------------------------
@transaction.atomic
def report_approve(*, actor, group: KeyFigureGroup, year: int, note: str = "", approved_on: dt.date | None = None):
    """Approve (publish) the group's key-figure report for `year`: it is listed on the publications page and in
    the feeds at once (kpi.selectors.released_reports). Only a year with values for the group; approved is final,
    so a second approval of the same year is refused."""
    from kpi.models import KeyFigureReport
    from kpi.selectors import years_with_data

    report = KeyFigureReport(
        group=group,
        year=year,
        approved_on=approved_on or timezone.localdate(),
        approved_by=history_user(actor),
        note=(note or "").strip()[:500],
    )
    require_permission(actor, "add", report)
    KeyFigureGroup.objects.select_for_update().filter(pk=group.pk).first()  # one approval of a group at a time
    if KeyFigureReport.objects.filter(group=group, year=year).exists():
        raise DomainError(
            _("The key-figure report of %(group)s for %(year)s is already published.")
            % {"group": group.name, "year": year}
        )
    if year not in years_with_data(group):
        raise DomainError(
            _("%(group)s has no values for %(year)s: there is no key-figure report to publish.")
            % {"group": group.name, "year": year}
        )
    return audited_save(report, actor=actor, action=audit.REPORT_APPROVED)


# -- CSV ----------------------------------------------------------------------------------------------
def _csv_decimal(raw: str, line: int) -> Decimal | None:
    raw = (raw or "").strip()
    if raw in ("", "NA"):
        return None
    try:
        value = parse_sv_decimal(raw)
    except InvalidOperation:
        raise ValidationError(
            _("Line %(line)s: the value %(value)s is not a number.") % {"line": line, "value": raw}
        ) from None
    if not value.is_finite():
        raise ValidationError(_("Line %(line)s: the value %(value)s is not a number.") % {"line": line, "value": raw})
    return value.quantize(Decimal("0.000001"))


def read_csv_rows(text: str) -> Iterator[tuple[int, dict]]:
    """(line number, row as a dict) of a CSV file in the site's dialect (core.exports), or comma-separated."""
    rows = read_csv(text)
    fieldnames = [name.strip() for name in rows[0]] if rows else []
    missing = [c for c in REQUIRED_CSV_COLUMNS if c not in fieldnames]
    if missing:
        raise ValidationError(_("The CSV file lacks the column(s): %(cols)s.") % {"cols": ", ".join(missing)})
    for line, row in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in row):
            yield line, dict(zip(fieldnames, (unneutralise(cell) for cell in row), strict=False))


def import_csv(
    text: str, *, actor, cooperation=None, source: str = "CSV", kind: str = ImportBatch.Kind.CSV, note: str = ""
) -> ImportBatch:
    """Import values in the CSV shape (kpi, municipality_id, year, gender, value[, status]).

    The values are national data; the secretariat of `cooperation` (or of any cooperation when
    none is named) may import them. Every line is checked first; any error (naming the line) and
    nothing is changed.
    """
    require_permission(actor, IMPORT_PERMISSION, cooperation)
    figures = dict(KeyFigure.objects.values_list("kolada_id", "id"))
    areas = dict(Area.objects.values_list("kolada_id", "id"))
    errors: list[str] = []
    parsed: list[tuple] = []
    for line, row in read_csv_rows(text):
        if len(errors) >= 50:
            errors.append(_("More errors were not listed."))
            break
        kpi, muni = (row.get("kpi") or "").strip(), (row.get("municipality_id") or "").strip()
        gender, year_raw = (row.get("gender") or "T").strip() or "T", (row.get("year") or "").strip()
        if kpi not in figures:
            errors.append(_("Line %(line)s: unknown key figure %(kpi)s.") % {"line": line, "kpi": kpi or "–"})
            continue
        if muni not in areas:
            errors.append(_("Line %(line)s: unknown municipality code %(code)s.") % {"line": line, "code": muni or "–"})
            continue
        if gender not in ("T", "K", "M"):
            errors.append(_("Line %(line)s: gender must be T, K or M, not %(g)s.") % {"line": line, "g": gender})
            continue
        if not re.fullmatch(r"\d{4}", year_raw):
            errors.append(
                _("Line %(line)s: the year %(year)s is not a year.") % {"line": line, "year": year_raw or "–"}
            )
            continue
        try:
            value = _csv_decimal(row.get("value"), line)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        parsed.append((figures[kpi], areas[muni], int(year_raw), gender, value, (row.get("status") or "")[:20]))
    if errors:
        raise ValidationError(errors)
    if not parsed:
        raise ValidationError(_("The CSV file contains no values."))
    now = timezone.now()
    with transaction.atomic():
        batch = import_batch_start(actor=actor, kind=kind, source=source, note=note)
        upserter = upserter_for(batch, actor=actor, now=now)
        for figure_id, area_id, year, gender, value, status in parsed:
            upserter.add_row(figure_id, area_id, year, gender, value, status, source[:1000])
        upserter.flush()
        batch.value_count = upserter.written
        batch.finished_at = timezone.now()
        batch.save(update_fields=["value_count", "finished_at"])
    return batch


def export_csv(values) -> bytes:
    """CSV in the import shape (the site's one dialect, core.exports) from dicts with the CSV_COLUMNS keys."""
    rows = [CSV_COLUMNS]
    for row in values:
        rows.append(
            [
                row["kpi"],
                row["municipality_id"],
                row["year"],
                row["gender"],
                row["value"],
                row["status"],
                row["municipality"],
            ]
        )
    return to_csv(rows)


# -- Kolada imports started from the pages, run by the background worker (kpi.tasks) -----------------
MAX_IMPORT_YEARS = 40


def kolada_municipality_ids(cooperation, group=None) -> list[str]:
    """The areas an import fetches: the members, their county, the country (and the group's Kolada group)."""
    from kpi.selectors import comparison_area_codes

    return comparison_area_codes(cooperation, group)


def kolada_metadata(client, ids: list[str], *, group=None, actor) -> list[KeyFigure]:
    """Fetch Kolada's municipalities, the group's Kolada group and the figures' definitions; the figures in
    the order of `ids`. DomainError when Kolada does not know one of them."""

    upsert_areas(client.municipalities(), actor=actor)
    if group is not None and group.kolada_group_id:
        upsert_areas(client.municipality_groups([group.kolada_group_id]), actor=actor, area_type="G")
    found = {meta["id"] for meta in client.kpis(ids) if upsert_figure_from_kolada(meta, actor=actor)}
    unknown = [i for i in ids if i not in found]
    if unknown:
        raise DomainError(
            _("Key figures unknown to Kolada: %(ids)s. Nothing was imported.") % {"ids": ", ".join(unknown)}
        )
    return sorted(KeyFigure.objects.filter(kolada_id__in=ids), key=lambda f: ids.index(f.kolada_id))


def kolada_import_start(*, actor, cooperation, group, first_year: int, last_year: int):
    """Record an import of `group`'s figures for the years (kpi.tasks.start_kolada_import then hands it to
    the background worker). Refused (Swedish message, nothing recorded) for a group of another cooperation,
    a group without figures, years out of order or range, or while an import of the same group is still running."""
    from kpi.models import ImportRun

    require_permission(actor, KOLADA_IMPORT_PERMISSION, cooperation)
    if group is None or group.cooperation_id != cooperation.pk:
        raise DomainError(_("Choose a key-figure group of this cooperation."))
    this_year = timezone.localdate().year
    if not (1990 <= first_year <= last_year <= this_year + 1):
        raise DomainError(
            _("Give the years as a range from 1990 to %(last)s, the first year not after the last.")
            % {"last": this_year + 1}
        )
    if last_year - first_year + 1 > MAX_IMPORT_YEARS:
        raise DomainError(_("At most %(n)s years in one import.") % {"n": MAX_IMPORT_YEARS})
    ids = list(group.items.order_by("order", "figure__kolada_id").values_list("figure__kolada_id", flat=True))
    if not ids:
        raise DomainError(_("The group has no key figures to import."))
    with transaction.atomic():
        if ImportRun.objects.select_for_update().filter(group=group, state__in=["queued", "running"]).exists():
            raise DomainError(_("An import of this group is already running; wait until it has finished."))
        run = ImportRun.objects.create(
            cooperation=cooperation,
            group=group,
            first_year=first_year,
            last_year=last_year,
            figure_ids=ids,
            total=len(ids),
            created_by=history_user(actor),
        )
    return run


def kolada_import_step(run, *, client_factory=None) -> bool:
    """One step of an import run (the worker calls it until it answers False): the first step fetches the
    metadata and opens the import batch, each further step imports one key figure (its own transaction:
    a failing figure keeps its earlier values). Progress is saved after every step."""
    from kpi.kolada import KoladaClient

    if not run.is_active:
        return False
    actor = run.created_by or SYSTEM
    client = (client_factory or KoladaClient)()
    try:
        if run.batch_id is None:
            run.state = run.State.RUNNING
            run.save(update_fields=["state"])
            kolada_metadata(client, run.figure_ids, group=run.group, actor=SYSTEM)
            run.batch = ImportBatch.objects.create(
                kind=ImportBatch.Kind.KOLADA,
                source=client.base_url[:500],
                created_by=history_user(actor),
                note=_("%(ids)s; years %(first)s–%(last)s")
                % {"ids": ", ".join(run.figure_ids), "first": run.first_year, "last": run.last_year},
            )
            run.save(update_fields=["batch"])
            return True
        figure = KeyFigure.objects.get(kolada_id=run.figure_ids[run.done])
        years = list(range(run.first_year, run.last_year + 1))
        area_ids = dict(Area.objects.values_list("kolada_id", "id"))
        municipalities = kolada_municipality_ids(run.cooperation, run.group)
        try:
            count = import_figure_pages(
                figure,
                client.data_pages(figure.kolada_id, municipalities, years),
                batch=run.batch,
                area_ids=area_ids,
                actor=SYSTEM,
            )
        except KoladaError as exc:
            run.message += (
                _("%(kpi)s: NOT imported, earlier values kept: %(error)s") % {"kpi": figure.kolada_id, "error": exc}
                + "\n"
            )
            count = 0
        run.value_count += count
        run.done += 1
        if run.done >= run.total:
            run.state = run.State.FAILED if run.message else run.State.DONE
            run.finished_at = timezone.now()
            run.batch.value_count = run.value_count
            run.batch.finished_at = run.finished_at
            run.batch.save(update_fields=["value_count", "finished_at"])
        run.save(update_fields=["value_count", "done", "state", "finished_at", "message"])
        return run.is_active
    except (KoladaError, ValidationError) as exc:
        run.state = run.State.FAILED
        run.message += " ".join(getattr(exc, "messages", [str(exc)])) + "\n"
        run.finished_at = timezone.now()
        run.save(update_fields=["state", "message", "finished_at"])
        return False
    finally:
        client.close()
