"""The light markup of the operating plan's texts, rendered alike in HTML, PDF and DOCX.

One paragraph per line; "## " starts a sub-heading; lines starting with "- " or "· " form a bullet
list; lines starting with "|" form a table (cells separated by "|", the first row is the header).
"""

from __future__ import annotations


def blocks(text: str) -> list[dict]:
    """Parse `text` into blocks: {"kind": "heading"|"paragraph"|"list"|"table", ...}."""
    result: list[dict] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            result.append({"kind": "heading", "text": line[3:].strip()})
        elif line.startswith(("- ", "· ")):
            item = line[2:].strip()
            if result and result[-1]["kind"] == "list":
                result[-1]["items"].append(item)
            else:
                result.append({"kind": "list", "items": [item]})
        elif line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if result and result[-1]["kind"] == "table":
                result[-1]["rows"].append(cells)
            else:
                result.append({"kind": "table", "header": cells, "rows": []})
        else:
            result.append({"kind": "paragraph", "text": line})
    return result


def add_blocks_to_docx(document, text: str, *, heading_level: int = 3) -> None:
    """Append the blocks of `text` to a python-docx document."""
    for block in blocks(text):
        if block["kind"] == "heading":
            document.add_heading(block["text"], level=heading_level)
        elif block["kind"] == "paragraph":
            document.add_paragraph(block["text"])
        elif block["kind"] == "list":
            for item in block["items"]:
                document.add_paragraph(item, style="List Bullet")
        elif block["kind"] == "table":
            table = document.add_table(rows=1, cols=len(block["header"]))
            table.style = "Table Grid"
            for cell, text_ in zip(table.rows[0].cells, block["header"], strict=False):
                cell.text = text_
            for row in block["rows"]:
                cells = table.add_row().cells
                for cell, text_ in zip(cells, row, strict=False):
                    cell.text = text_
