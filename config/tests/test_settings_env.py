"""SAMVERKAN_ENV is validated: a typo such as `prod` stops the start instead of silently running the
development mode (DEBUG on, the development secret key)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PRINT_MODE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.SAMVERKAN_ENV, settings.PRODUCTION, settings.DEBUG)"
)


def run_settings(**env_vars):
    env = {k: v for k, v in os.environ.items() if k not in {"SAMVERKAN_ENV", "DEBUG", "SECRET_KEY", "SECRET_KEY_FILE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env_vars})
    return subprocess.run(
        [sys.executable, "-c", PRINT_MODE],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("value", ["prod", "Production", "dev", "test", "staging"])
def test_an_unknown_environment_stops_the_start(value):
    result = run_settings(SAMVERKAN_ENV=value)
    assert result.returncode == 1
    assert result.stdout == ""
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "django.core.exceptions.ImproperlyConfigured: "
        f"SAMVERKAN_ENV must be one of: development, production; got {value!r}"
    )


@pytest.mark.parametrize(
    "env_vars,expected",
    [
        ({}, "development False True"),
        ({"SAMVERKAN_ENV": ""}, "development False True"),
        ({"SAMVERKAN_ENV": "development"}, "development False True"),
        ({"SAMVERKAN_ENV": "production", "SECRET_KEY": "x" * 60}, "production True False"),
    ],
)
def test_the_known_environments_start(env_vars, expected):
    result = run_settings(**env_vars)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
