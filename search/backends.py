"""The full-text part of the search, one interface for two databases.

- PostgreSQL: a stored tsvector (`SearchEntry.vector`, `swedish` configuration: title and identifiers
  weighted A, text B) under a GIN index; matched with a tsquery, ranked with SearchRank, snippets by
  SearchHeadline (ts_headline).
- SQLite: an FTS5 table `search_fts` (rowid = the entry's id) holding the Snowball-stemmed words of
  title, text and identifiers (search.text.stemmed: the same Swedish stemmer as PostgreSQL's), matched
  with MATCH, ranked with bm25(), its rows removed by a trigger when an entry is deleted; the snippets are
  made in Python (search.text.snippet) since FTS5's snippet() would show the stems.

Each query word is matched as a prefix of a stem, so a compound's first part finds the compound
("näringsliv" finds "näringslivsfrågor"); quoted words are matched as a phrase; a query holding a digit
is also matched against the entries' identifiers (Dnr, §), so "2019/KS 0260" finds "2019/KS 0260 005".
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL

from search.text import Query, snippet, stemmed

#: Marks around highlighted words in ts_headline's output (private-use characters, removed from the indexed
#: text), replaced by <mark> after the text is escaped.
MARK_START = "\ue000"
MARK_END = "\ue001"
#: The longest text indexed per entry (a very long PDF is searched on its first part).
MAX_BODY = 200_000
FTS_TABLE = "search_fts"


def clean_body(text: str) -> str:
    return (text or "").replace(MARK_START, " ").replace(MARK_END, " ")[:MAX_BODY]


def identifier_bonus(query: Query, bonus: float):
    """Added to the rank of an entry whose identifiers hold the queried one (a Dnr, a §): more than any text
    match gives, and half as much again for a decision, so "2019/KS 0260" lists the decision before the
    officers' memo in the same case."""
    return Case(
        When(identifiers__contains=query.identifier, is_decision=True, then=Value(bonus * 1.5)),
        When(identifiers__contains=query.identifier, then=Value(bonus)),
        default=Value(0.0),
        output_field=FloatField(),
    )


class PostgresBackend:
    vendor = "postgresql"

    def add(self, ids: list[int]) -> None:
        if not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchentry SET vector ="
                " setweight(to_tsvector('swedish', coalesce(title, '')), 'A')"
                " || setweight(to_tsvector('swedish', coalesce(identifiers, '')), 'A')"
                " || setweight(to_tsvector('swedish', coalesce(body, '')), 'B')"
                " WHERE id = ANY(%s)",
                [list(ids)],
            )

    def remove(self, ids: list[int]) -> None:
        """The vector goes with the row."""

    def tsquery(self, query: Query) -> SearchQuery | None:
        parts = [f"'{term}':*" for term in query.terms]
        parts += ["(" + " <-> ".join(f"'{w}'" for w in phrase) + ")" for phrase in query.phrases]
        if not parts:
            return None
        return SearchQuery(" & ".join(parts), search_type="raw", config="swedish")

    def match(self, queryset, query: Query):
        """(queryset filtered to the matches, annotated with `rank`)"""
        tsquery = self.tsquery(query)
        condition = Q(pk__in=[])
        rank = Value(0.0, output_field=FloatField())
        if tsquery is not None:
            condition |= Q(vector=tsquery)
            rank = SearchRank(F("vector"), tsquery)
        if query.identifier:
            condition |= Q(identifiers__contains=query.identifier)
            rank = rank + identifier_bonus(query, 1.0)
        return queryset.filter(condition).annotate(rank=rank)

    def page(self, hits, query: Query, start: int, size: int) -> list:
        return list(self.with_snippets(hits.order_by("-rank", "-date", "pk"), query)[start : start + size])

    def with_snippets(self, queryset, query: Query):
        tsquery = self.tsquery(query)
        if tsquery is None:
            return queryset
        return queryset.annotate(
            headline=SearchHeadline(
                "body",
                tsquery,
                config="swedish",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )

    def snippet(self, entry, query: Query) -> str:
        from django.utils.html import escape
        from django.utils.safestring import mark_safe

        headline = getattr(entry, "headline", None)
        if headline is None:
            return snippet(entry.body, query)
        html = escape(headline).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        return mark_safe(html)


class SqliteBackend:
    vendor = "sqlite"

    def add_entries(self, entries) -> None:
        if not entries:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body, identifiers) VALUES (%s, %s, %s, %s)",
                [(e.pk, stemmed(e.title), stemmed(e.body), stemmed(e.identifiers)) for e in entries],
            )

    def add(self, ids: list[int]) -> None:
        from search.models import SearchEntry

        self.add_entries(list(SearchEntry.objects.filter(pk__in=ids).only("title", "body", "identifiers")))

    def remove(self, ids: list[int]) -> None:
        """A trigger (migration 0002) removes an entry's words when the row goes, whoever deletes it."""

    def fts_query(self, query: Query) -> str:
        from search.text import stem

        parts = [f'"{stem(term)}"*' for term in query.terms if stem(term)]
        parts += ['"' + " ".join(stem(w) for w in phrase) + '"' for phrase in query.phrases]
        return " AND ".join(parts)

    def match(self, queryset, query: Query):
        """The queryset filtered to the matches (ranked by `page`: a correlated bm25() per row would cost a
        full-text query per row)."""
        fts = self.fts_query(query)
        condition = Q(pk__in=[])
        if fts:
            condition |= Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts]))
        if query.identifier:
            condition |= Q(identifiers__contains=query.identifier)
        return queryset.filter(condition)

    def page(self, hits, query: Query, start: int, size: int) -> list:
        """One page of `hits`, best first: bm25() of every match in one full-text query, the identifier bonus,
        then newest first; two more queries whatever the number of hits."""
        from search.models import SearchEntry

        fts = self.fts_query(query)
        rank = {}
        if fts:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid, -bm25({FTS_TABLE}, 10.0, 1.0, 10.0) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                    [fts],
                )
                rank = dict(cursor.fetchall())

        def score(row):
            pk, identifiers, is_decision, date = row
            value = rank.get(pk, 0.0)
            if query.identifier and query.identifier in identifiers:
                value += 150.0 if is_decision else 100.0
            return (-value, -(date.toordinal() if date else 0), pk)

        rows = sorted(hits.values_list("pk", "identifiers", "is_decision", "date"), key=score)
        ids = [row[0] for row in rows[start : start + size]]
        entries = SearchEntry.objects.in_bulk(ids)
        page = [entries[pk] for pk in ids if pk in entries]
        for entry in page:
            entry.rank = rank.get(entry.pk, 0.0)
        return page

    def with_snippets(self, queryset, query: Query):
        return queryset

    def snippet(self, entry, query: Query) -> str:
        return snippet(entry.body, query)


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
