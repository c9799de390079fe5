"""The light markup of the operating plan's texts, rendered alike in HTML and (through
`plans.documents.blocks_from_text`) in PDF and DOCX.

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
