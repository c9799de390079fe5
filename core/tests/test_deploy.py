"""Production mode: `manage.py check --deploy` is clean once static files are collected, and fails
(with our guard rails' ids, config/tests/test_guard_rails.py) without them or on the development key."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

DEV_ONLY = {
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SAMVERKAN_ENV",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "STATIC_ROOT",
}


def manage(*args, tmp_path, **env_vars):
    env = {
        **{k: v for k, v in os.environ.items() if k not in DEV_ONLY},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **env_vars,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def check_ids(output: str) -> list[str]:
    return sorted(re.findall(r"\((\w+\.[EWC]\d{3})\)", output))


def production(static_root) -> dict:
    return {
        "SAMVERKAN_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "example.org",
        "STATIC_ROOT": str(static_root),
    }


def test_check_deploy_is_clean_in_production_mode(tmp_path, collected_static):
    returncode, output = manage(
        "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **production(collected_static)
    )
    assert returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNING" not in output


def test_check_deploy_fails_in_production_mode_without_collected_static(tmp_path):
    returncode, output = manage("check", "--deploy", tmp_path=tmp_path, **production(tmp_path / "static"))
    assert returncode == 1, output
    assert check_ids(output) == ["samverkan.E002"], output


def test_debug_off_without_a_secret_key_fails_every_command_outside_production_mode(tmp_path):
    returncode, output = manage("check", tmp_path=tmp_path, DEBUG="false")
    assert returncode == 1, output
    assert check_ids(output) == ["samverkan.E001"], output
    returncode, output = manage("check", tmp_path=tmp_path, DEBUG="true")
    assert returncode == 0, output


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SECRET_KEY_FILE"}}
    env.update({"SAMVERKAN_ENV": "production", "ALLOWED_HOSTS": "example.org"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
