"""Translations: every Swedish catalogue is complete, and the UI switches between Swedish and English."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def sv_catalogues():
    return sorted(
        p for p in ROOT.glob("**/locale/sv/LC_MESSAGES/django.po") if ".venv" not in p.parts and "var" not in p.parts
    )


def parse_po(path: Path) -> list[dict]:
    """A small .po parser: entries with msgctxt (when given), msgid, msgid_plural, msgstr / msgstr[n] and
    flags. Obsolete entries (#~) are skipped."""
    entries, current, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current and "msgid" in current:
                entries.append(current)
            current, key = None, None
            continue
        current = current if current is not None else {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if match:
            word, index, value = match.groups()
            value = ast.literal_eval(value)
            if word == "msgstr" or word.startswith("msgstr["):
                key = ("msgstr", int(index or 0))
                current["msgstr"][key[1]] = value
            else:
                key = (word, None)
                current[word] = value
        elif line.startswith('"') and key:
            value = ast.literal_eval(line)
            if key[0] == "msgstr":
                current["msgstr"][key[1]] += value
            else:
                current[key[0]] += value
    return entries


def test_there_are_swedish_catalogues_for_the_root_and_the_organisation_register():
    found = {p.relative_to(ROOT).parts[0] for p in sv_catalogues()}
    assert {"locale", "organisations"} <= found


@pytest.mark.parametrize("path", sv_catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_swedish_catalogue_is_complete_and_compiled(path):
    entries = parse_po(path)
    assert entries, f"{path} has no entries"
    header = [e for e in entries if e["msgid"] == ""]
    assert header and "fuzzy" not in header[0]["flags"], f"{path}: the header is marked fuzzy"
    problems = []
    for entry in entries:
        if entry["msgid"] == "":
            continue
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {entry['msgid']!r}")
        expected_forms = 2 if "msgid_plural" in entry else 1
        forms = entry["msgstr"]
        if len(forms) < expected_forms or any(not forms.get(i, "").strip() for i in range(expected_forms)):
            problems.append(f"untranslated: {entry['msgid']!r}")
    assert not problems, f"{path}:\n" + "\n".join(problems)
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run `make messages`"
    assert mo.stat().st_size > 100


def test_parse_po_sees_an_untranslated_entry(tmp_path):
    """The checker itself can fail: an empty msgstr and a fuzzy entry are both reported."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: sv\\n"\n\nmsgid "Hello"\nmsgstr ""\n\n#, fuzzy\nmsgid "Bye"\nmsgstr "Hej då"\n'
    )
    entries = parse_po(po)
    assert [e["msgid"] for e in entries] == ["", "Hello", "Bye"]
    assert entries[1]["msgstr"] == {0: ""}
    assert "fuzzy" in entries[2]["flags"]


@pytest.mark.django_db
def test_pages_are_swedish_by_default_and_english_after_the_language_switch(coop, client):
    response = client.get(f"/{coop.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Medlemskommuner" in html and "Nätverk" in html and "Översikt" in html
    assert 'lang="sv"' in html
    assert "Member municipalities" not in html

    response = client.get(f"/{coop.slug}/kommuner/")
    assert "Medlemskommuner" in response.content.decode() or "Kommuner" in response.content.decode()

    response = client.post("/i18n/setlang/", {"language": "en", "next": f"/{coop.slug}/"}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in html
    assert "Member municipalities" in html and "Networks" in html
    assert "Medlemskommuner" not in html

    response = client.post("/i18n/setlang/", {"language": "sv", "next": f"/{coop.slug}/natverk/"}, follow=True)
    assert "Nätverk" in response.content.decode()
    assert "Networks of managers" not in response.content.decode()


@pytest.mark.django_db
def test_validation_messages_are_swedish(db):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from organisations.models import Municipality

    with translation.override("sv"), pytest.raises(ValidationError) as exc:
        Municipality(code="12", name="X").full_clean()
    assert "SCB-koden ska vara exakt fyra siffror" in str(exc.value.message_dict["code"])


def test_browser_language_does_not_override_swedish_default(client, sodertorn):
    response = client.get("/sodertorn/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert response["Content-Language"] == "sv"
    assert "Medlemskommuner" in response.content.decode()
