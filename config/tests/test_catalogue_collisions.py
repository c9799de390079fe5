"""One translation per msgid: the catalogue rule.

Catalogues stay per app (`<app>/locale/`, root `locale/`), but Django merges them all into one
dictionary per language at run time; when two catalogues translate the same msgid differently, the
one found first silently wins everywhere ("Principles" became "Principer" on the programme page,
Django's "Change" became "Byt" in the admin). So:

- a msgid (with its context) has one translation across every catalogue of the project, and
- it does not override Django's own catalogues (nor those of installed third-party apps) with a
  different translation.

Where two meanings share an English word, the code says which one it means with a context
(`pgettext("language switch button", "Change")`, `{% translate "Change" context "…" %}`).
"""

import gettext
from collections import defaultdict
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.conf import settings

from config.tests.test_i18n import ROOT, parse_po

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def project_catalogues(lang: str, root: Path = ROOT) -> list[Path]:
    return sorted(
        p
        for p in root.glob(f"**/locale/{lang}/LC_MESSAGES/django.po")
        if not {".venv", "var", "node_modules"} & set(p.relative_to(root).parts)
    )


def framework_catalogues(lang: str) -> list[Path]:
    """Django's own compiled catalogues (all of them, installed apps or not) and those of every
    installed app that is not part of the project."""
    django_root = Path(django.__file__).parent
    found = set(django_root.glob(f"**/locale/{lang}/LC_MESSAGES/django.mo"))
    for config in apps.get_app_configs():
        path = Path(config.path)
        if ROOT in path.parents or path == ROOT:
            continue
        mo = path / "locale" / lang / "LC_MESSAGES" / "django.mo"
        if mo.exists():
            found.add(mo)
    return sorted(found)


def po_translations(path: Path) -> dict:
    """(context, msgid) -> the translation (a tuple of plural forms), for translated entries only."""
    result = {}
    for entry in parse_po(path):
        if not entry["msgid"] or "fuzzy" in entry["flags"]:
            continue
        forms = tuple(entry["msgstr"][i] for i in sorted(entry["msgstr"]))
        if any(forms):
            result[(entry.get("msgctxt"), entry["msgid"])] = forms
    return result


def mo_translations(path: Path) -> dict:
    """The same from a compiled catalogue (contexts are stored as 'context\\x04msgid')."""
    with path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    plural: dict = defaultdict(dict)
    result = {}
    for key, value in catalog.items():
        if key == "":
            continue
        if isinstance(key, tuple):
            plural[key[0]][key[1]] = value
        else:
            result[key] = (value,)
    for msgid, forms in plural.items():
        result[msgid] = tuple(forms[i] for i in sorted(forms))
    out = {}
    for msgid, forms in result.items():
        context, _sep, text = msgid.rpartition("\x04")
        out[(context or None, text)] = forms
    return out


def collisions(ours: list[Path], theirs: list[Path], root: Path) -> list[str]:
    seen: dict = defaultdict(dict)
    for path in ours:
        for key, forms in po_translations(path).items():
            seen[key][str(path.relative_to(root))] = forms
    for path in theirs:
        for key, forms in mo_translations(path).items():
            if key in seen:
                seen[key][f"{path.parent.parent.parent.parent.name}/{path.name} (framework)"] = forms
    problems = []
    for (context, msgid), by_file in sorted(seen.items(), key=lambda item: (item[0][1], item[0][0] or "")):
        if len(set(by_file.values())) > 1:
            where = "; ".join(f"{file}: {' / '.join(forms)!r}" for file, forms in sorted(by_file.items()))
            label = f"{context!r} {msgid!r}" if context else repr(msgid)
            problems.append(f"{label}: {where}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_msgid_has_two_translations(lang):
    catalogues = project_catalogues(lang)
    assert len(catalogues) >= 7, catalogues  # root + six apps
    problems = collisions(catalogues, framework_catalogues(lang), ROOT)
    assert not problems, (
        f"msgids translated differently in two catalogues ({lang}); give one translation, or a context "
        "(pgettext) where the meanings differ:\n" + "\n".join(problems)
    )


def test_the_framework_catalogues_are_found():
    names = {p.parent.parent.parent.parent.name for p in framework_catalogues("sv")}
    assert {"conf", "admin", "auth"} <= names


def _write_po(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('msgid ""\nmsgstr "Language: sv\\n"\n\n' + body, encoding="utf-8")
    return path


def test_collision_checker_can_fail(tmp_path):
    """Two apps translating "Principles" differently, and one overriding Django's "Change", are reported;
    the same msgid under two contexts is not a collision."""
    one = _write_po(
        tmp_path / "one/locale/sv/LC_MESSAGES/django.po",
        'msgid "Principles"\nmsgstr "Principer"\n\n'
        'msgctxt "language switch button"\nmsgid "Change"\nmsgstr "Byt"\n\n'
        'msgid "Change"\nmsgstr "Byt"\n',
    )
    two = _write_po(
        tmp_path / "two/locale/sv/LC_MESSAGES/django.po",
        'msgid "Principles"\nmsgstr "Förhållningssätt"\n\nmsgctxt "history"\nmsgid "Change"\nmsgstr "Ändring"\n',
    )
    admin = [p for p in framework_catalogues("sv") if p.parent.parent.parent.parent.name == "admin"]
    problems = collisions([one, two], admin, tmp_path)
    assert len(problems) == 2, problems
    assert problems[0].startswith(
        "'Change': admin/django.mo (framework): 'Ändra'; one/locale/sv/LC_MESSAGES/django.po: 'Byt'"
    )
    assert problems[1] == (
        "'Principles': one/locale/sv/LC_MESSAGES/django.po: 'Principer'; "
        "two/locale/sv/LC_MESSAGES/django.po: 'Förhållningssätt'"
    )


def test_the_clashes_of_the_issue_are_resolved():
    """Issue 10 and 20: 'Principles' is 'Förhållningssätt' everywhere; Django's 'Change' is 'Ändra' again
    (the admin) and the change history says 'Ändring'."""
    from django.utils import translation
    from django.utils.translation import gettext, pgettext

    with translation.override("sv"):
        assert gettext("Principles") == "Förhållningssätt"
        assert gettext("Change") == "Ändra"
        assert pgettext("the change made, in a change history", "Change") == "Ändring"
        assert gettext("Page not found") == "Sidan kunde inte hittas"
        assert pgettext("error page", "Page not found") == "Sidan finns inte"
        assert gettext("Friday") == "fredag"  # Django's own, no longer overridden by the meetings catalogue
        assert pgettext("weekday choice", "Friday") == "Fredag"


@pytest.mark.django_db
def test_the_language_switch_is_two_links_named_in_their_own_language(client, coop):
    """The switch is links (no form, so anonymous pages set no CSRF cookie): each language named in itself."""
    html = client.get(f"/{coop.slug}/").content.decode()
    assert 'lang="sv" hreflang="sv" aria-current="true">Svenska</a>' in html
    assert 'lang="en" hreflang="en">English</a>' in html
