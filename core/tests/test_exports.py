"""core.safetext and core.exports: one CSV dialect, XLSX with number cells, and no formula injection."""

import datetime as dt
import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.exports import DATE, DECIMAL_ANY, INTEGER, KRONOR, Sheet, csv_number, read_csv, to_csv, to_xlsx, unneutralise
from core.safetext import FORMULA_PREFIXES, clean_text, neutralise_formula

#: Any text, surrogates and control characters included.
ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40)


def test_clean_text_strips_what_xml_cannot_carry_and_keeps_line_breaks():
    assert clean_text("a\x00b\x0bc\x0cd\r\ne\rf\ud800g\ufffeh\tI") == "ab\nc\nd\nef" + "gh\tI"
    assert clean_text(None) == ""


def test_formula_text_is_neutralised_and_other_text_left_alone():
    assert [neutralise_formula(t) for t in ["=1+1", "+4", "-2", "@SUM(A1)", "\t=x", "ok", "'=x", ""]] == [
        "'=1+1",
        "'+4",
        "'-2",
        "'@SUM(A1)",
        "'\t=x",
        "ok",
        "'=x",
        "",
    ]


def test_csv_dialect_bom_semicolon_crlf_decimal_comma_iso_dates():
    content = to_csv(
        [
            ["Namn", "Belopp", "Andel", "Datum", "Tom"],
            ["Botkyrka", 860000, Decimal("12.50"), dt.date(2014, 3, 7), None],
            ['=HYPERLINK("http://x")', -3, 0.25, "a;b", "rad1\nrad2"],
        ]
    )
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8") == (
        "\ufeffNamn;Belopp;Andel;Datum;Tom\r\n"
        "Botkyrka;860000;12,5;2014-03-07;\r\n"
        '"\'=HYPERLINK(""http://x"")";-3;0,25;"a;b";"rad1\nrad2"\r\n'
    )
    assert read_csv(content.decode("utf-8")) == [
        ["Namn", "Belopp", "Andel", "Datum", "Tom"],
        ["Botkyrka", "860000", "12,5", "2014-03-07", ""],
        ['\'=HYPERLINK("http://x")', "-3", "0,25", "a;b", "rad1\nrad2"],
    ]


def test_csv_numbers_have_no_grouping_and_no_exponent():
    assert [csv_number(v) for v in (0, 1234567, Decimal("1E+3"), Decimal("-0.50"), 2.5)] == [
        "0",
        "1234567",
        "1000",
        "-0,5",
        "2,5",
    ]


def test_read_csv_also_reads_comma_separated_files_people_make():
    assert read_csv("kpi,year\r\nN01951,2014\r\n") == [["kpi", "year"], ["N01951", "2014"]]


def test_xlsx_has_number_and_date_cells_a_bold_frozen_header_and_text_never_a_formula():
    content = to_xlsx(
        [
            Sheet(
                name="Blad",
                header=["Namn", "Belopp", "Datum"],
                formats={1: KRONOR},
                rows=[
                    ['=HYPERLINK("http://x")', Decimal("860000"), dt.date(2014, 3, 7)],
                    ["Rad\x0bmed\x00tecken", 12.5, None],
                ],
            )
        ]
    )
    ws = load_workbook(io.BytesIO(content))["Blad"]
    assert ws.freeze_panes == "A2" and all(c.font.bold for c in ws[1])
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        ['\'=HYPERLINK("http://x")', 860000, dt.datetime(2014, 3, 7)],
        ["Rad\nmedtecken", 12.5, None],
    ]
    assert ws["A2"].data_type == "s" and ws["B2"].data_type == "n" and ws["B2"].number_format == KRONOR
    assert ws["C2"].is_date and ws["C2"].number_format == DATE


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_any_text_survives_csv_minus_the_stripped_characters_and_never_becomes_a_formula(text):
    [[cell, end]] = read_csv(to_csv([[text, "slut"]]).decode("utf-8"))
    assert end == "slut"
    assert not cell.startswith(FORMULA_PREFIXES)
    assert unneutralise(cell) == clean_text(text)


@settings(max_examples=60, deadline=None)
@given(ANY_TEXT)
def test_any_text_survives_xlsx_minus_the_stripped_characters_and_never_becomes_a_formula(text):
    ws = load_workbook(io.BytesIO(to_xlsx([Sheet(name="S", header=[text], rows=[[text]])])))["S"]
    for cell in (ws["A1"], ws["A2"]):
        expected = clean_text(text)
        if expected == "":
            assert cell.value is None
            continue
        assert cell.data_type == "s" and not cell.value.startswith(FORMULA_PREFIXES)
        assert unneutralise(cell.value) == expected


def test_xlsx_numbers_without_a_stated_format_get_a_grouped_one():
    """No number cell is left in Excel's General format: integers grouped, decimals grouped with their decimals
    (a Swedish Excel shows "1 234 567" and "12,5"); a stated format wins."""
    content = to_xlsx(
        [
            Sheet(
                name="Blad",
                header=["Antal", "Andel", "Belopp"],
                formats={2: KRONOR},
                rows=[[1234567, Decimal("12.5"), 860000], [3, 0.25, Decimal("1000")]],
            )
        ]
    )
    ws = load_workbook(io.BytesIO(content))["Blad"]
    assert [[c.number_format for c in row] for row in ws.iter_rows(min_row=2)] == [
        [INTEGER, DECIMAL_ANY, KRONOR],
        [INTEGER, DECIMAL_ANY, KRONOR],
    ]
