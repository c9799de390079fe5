from hypothesis import given
from hypothesis import strategies as st

from plans.text import blocks

line = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=40)


def test_blocks_of_a_seed_like_text():
    text = "Inledning.\n## Rubrik\n- ett\n· två\n| A | B |\n| 1 | 2 |\n\nSista."
    assert blocks(text) == [
        {"kind": "paragraph", "text": "Inledning."},
        {"kind": "heading", "text": "Rubrik"},
        {"kind": "list", "items": ["ett", "två"]},
        {"kind": "table", "header": ["A", "B"], "rows": [["1", "2"]]},
        {"kind": "paragraph", "text": "Sista."},
    ]


@given(st.lists(line, max_size=30))
def test_every_plain_line_becomes_exactly_one_paragraph_in_order(lines):
    plain = [x.strip() for x in lines if x.strip() and not x.strip().startswith(("## ", "- ", "· ", "|"))]
    result = blocks("\n".join(lines))
    assert [b["text"] for b in result if b["kind"] == "paragraph"] == plain


@given(st.lists(line, max_size=30))
def test_nothing_is_lost(lines):
    text = "\n".join(lines)
    result = blocks(text)
    count = sum(
        1
        if b["kind"] in ("paragraph", "heading")
        else len(b.get("items", [])) + 1 + len(b.get("rows", []))
        if b["kind"] == "table"
        else len(b.get("items", []))
        for b in result
    )
    assert count == len([x for x in text.splitlines() if x.strip()])
