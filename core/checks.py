"""Production guard rails as system checks (`manage.py check`, `manage.py check --deploy`).

- samverkan.E001: DEBUG is off but the development SECRET_KEY (settings.DEVELOPMENT_SECRET_KEY) is in
  use. A plain check: every management command (migrate, runserver, check) refuses to go on.
- samverkan.E002: DEBUG is off and the static files were never collected (no manifest for the
  manifest storage, nothing in STATIC_ROOT otherwise): every page would answer 500 (or lose its CSS).
- samverkan.E003: DEBUG is off and the collected static files are stale: files the apps ship are not
  in the manifest (or not in STATIC_ROOT), so the pages that use them would fail.
E002 and E003 are deployment checks (`--deploy`), so that `collectstatic` itself is never blocked.
The demo-password check (samverkan.E004) lives with the demo users in organisations/checks.py.
`/healthz` asks `static_manifest_problem` too (core/views.py).
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import Error, Tags
from django.core.files.storage import storages

#: collectstatic's default ignore patterns: the files it would collect are the finders' files minus these.
COLLECTSTATIC_IGNORE = ["CVS", ".*", "*~"]
COLLECT_HINT = "Run `manage.py collectstatic --noinput` with the same settings as the server, then restart it."


def check_secret_key(app_configs=None, **kwargs) -> list[Error]:
    development_key = getattr(settings, "DEVELOPMENT_SECRET_KEY", None)
    if settings.DEBUG or not development_key:
        return []
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if development_key not in keys:
        return []
    return [
        Error(
            "DEBUG is off but the development SECRET_KEY is in use: sessions, password reset links and "
            "CSRF tokens could be forged by anyone who has read the source.",
            hint="Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(60))'`.",
            id="samverkan.E001",
        )
    ]


def _expected_static_files() -> set[str]:
    """Every file that `collectstatic` would collect, by its path relative to STATIC_ROOT."""
    names = set()
    for finder in finders.get_finders():
        for path, storage in finder.list(COLLECTSTATIC_IGNORE):
            prefix = getattr(storage, "prefix", None)
            names.add(f"{prefix}/{path}" if prefix else path)
    return {name.replace("\\", "/") for name in names}


def static_manifest_problem() -> str | None:
    """Why the running process cannot resolve its pages' static files, or None when it can.

    Only the manifest storage (production) breaks pages: without its manifest every `{% static %}`
    raises. The storage reads the manifest once, when first used, so a process that started before
    `collectstatic` stays broken: this asks the running storage, not the disk.
    """
    if settings.DEBUG:
        return None
    try:
        if isinstance(staticfiles_storage, ManifestFilesMixin) and not staticfiles_storage.hashed_files:
            return "static manifest missing"
    except ValueError:  # the storage could not parse its manifest
        return "static manifest unreadable"
    return None


def check_collected_static(app_configs=None, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    try:  # a fresh storage reads the manifest on disk now, whatever this process loaded before
        storage = storages.create_storage(settings.STORAGES["staticfiles"])
    except ValueError as exc:
        return [_not_collected(f"DEBUG is off and the static files manifest cannot be read ({exc}).")]
    expected = _expected_static_files()
    if isinstance(storage, ManifestFilesMixin):
        if storage.read_manifest() is None:
            return [
                _not_collected(
                    f"DEBUG is off and there is no static files manifest ({storage.manifest_name}) in "
                    f"{settings.STATIC_ROOT}: every page would answer 500."
                )
            ]
        collected = set(storage.hashed_files)
    else:
        root = Path(settings.STATIC_ROOT)
        collected = {name for name in expected if (root / name).is_file()}
        if expected and not collected:
            return [
                _not_collected(
                    f"DEBUG is off and no static files were collected into {root}: pages would lose their styles."
                )
            ]
    missing = sorted(expected - collected)
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        return [
            Error(
                f"The collected static files are stale: {len(missing)} file(s) are not collected ({shown}).",
                hint=COLLECT_HINT,
                id="samverkan.E003",
            )
        ]
    return []


def _not_collected(message: str) -> Error:
    return Error(message, hint=COLLECT_HINT, id="samverkan.E002")


def register() -> None:
    from django.core import checks

    checks.register(check_secret_key, Tags.security)
    checks.register(check_collected_static, Tags.staticfiles, deploy=True)
