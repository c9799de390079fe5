"""Production mode: `manage.py check --deploy` is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

DEV_ONLY = {"DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in DEV_ONLY},
        "SAMVERKAN_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR), env=env, capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNING" not in output


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SECRET_KEY_FILE"}}
    env.update({"SAMVERKAN_ENV": "production", "ALLOWED_HOSTS": "example.org"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=Path(settings.BASE_DIR), env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
