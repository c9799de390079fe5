"""Text helpers of the search: Swedish stemming (Snowball, the same algorithm as PostgreSQL's `swedish`
configuration), the query parser, identifiers (Dnr, §) and the snippets of the SQLite backend."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
#: Characters kept in an identifier ("2019/KS 0260 005", "§ 60", "KS 2019/123:4").
IDENTIFIER_JUNK = re.compile(r"[^\w/§:.\-]+", re.UNICODE)
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def stemmed(text: str) -> str:
    """The text as space-separated lower-case stems (what the SQLite index stores)."""
    return " ".join(stem(w) for w in words(text))


def normalise_identifier(text: str) -> str:
    """An identifier as matched: lower case, runs of spaces and punctuation (but / § : . -) as one space."""
    return " ".join(IDENTIFIER_JUNK.sub(" ", (text or "").lower()).split())


@dataclass
class Query:
    """A parsed query: free words (each matched as a stem prefix, so "näringsliv" also finds
    "näringslivsfrågor"), quoted phrases (matched word by word in order), and the whole query as an
    identifier when it holds a digit (a Dnr such as "2019/KS 0260")."""

    raw: str
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    identifier: str = ""

    def __bool__(self):
        return bool(self.terms or self.phrases or self.identifier)

    @property
    def stems(self) -> list[str]:
        out = [stem(t) for t in self.terms]
        for phrase in self.phrases:
            out.extend(stem(w) for w in phrase)
        return out


def parse(raw: str | None) -> Query:
    raw = " ".join((raw or "").split())[:MAX_QUERY_LENGTH]
    query = Query(raw=raw)
    rest = raw
    for quoted in re.findall(r'"([^"]*)"', raw):
        phrase = [w.lower() for w in words(quoted)]
        if len(phrase) == 1:
            query.terms.append(phrase[0])
        elif phrase:
            query.phrases.append(phrase[:MAX_TERMS])
        rest = rest.replace(f'"{quoted}"', " ", 1)
    for word in words(rest):
        word = word.lower()
        if word not in query.terms:
            query.terms.append(word)
    query.terms = query.terms[:MAX_TERMS]
    if any(ch.isdigit() for ch in raw):
        identifier = normalise_identifier(raw.replace('"', " "))
        if len(identifier) >= 3:
            query.identifier = identifier
    return query


def snippet(text: str, query: Query, *, width: int = 30) -> str:
    """A highlighted excerpt (HTML, escaped, matches in <mark>) around the first word whose stem begins
    with one of the query's stems; the text's start when none matches."""
    stems = [s for s in query.stems if s]
    tokens = list(WORD.finditer(text or ""))
    if not tokens:
        return ""

    def hit(match) -> bool:
        s = stem(match.group())
        return any(s.startswith(q) or match.group().lower().startswith(q) for q in stems)

    first = next((i for i, m in enumerate(tokens) if hit(m)), 0)
    if len(tokens) <= width:
        first = 0
    start = max(0, first - width // 3)
    end = min(len(tokens), start + width)
    begin_char = tokens[start].start() if start > 0 else 0
    end_char = tokens[end - 1].end() if end < len(tokens) else len(text)
    out = ["… " if start > 0 else ""]
    cursor = begin_char
    for m in tokens[start:end]:
        out.append(escape(text[cursor : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>" if hit(m) else escape(m.group()))
        cursor = m.end()
    out.append(escape(text[cursor:end_char]))
    if end < len(tokens):
        out.append(" …")
    return mark_safe("".join(out))


def highlight(text: str, query: Query) -> str:
    """The whole (short) text, escaped, with the words matching the query in <mark>."""
    return snippet(text, query, width=10_000)
