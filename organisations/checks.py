"""The demo logins must not survive into production: `manage.py check --deploy` fails on them.

samverkan.E004: an active demo user (`load_sodertorn --demo-users`, as `make run` creates them) still
has the demo password. Only the demo usernames are tried (a handful of password hashes), and
nothing is written: `hashers.check_password` does not upgrade the stored hash as `User.check_password`
would. samverkan.W001: the database could not be asked, so the check could not be made.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, Warning
from django.db import DatabaseError, connection

from organisations.demo import DEMO_PASSWORD, DEMO_USERS


def check_demo_passwords(app_configs=None, **kwargs) -> list[Error | Warning]:
    User = get_user_model()
    try:
        if User._meta.db_table not in connection.introspection.table_names():
            return []  # not migrated yet: there are no users at all
        users = list(
            User.objects.filter(username__in=[username for username, *_ in DEMO_USERS], is_active=True)
            .order_by("username")
            .values_list("username", "password")
        )
    except DatabaseError as exc:
        return [
            Warning(
                f"Could not look for demo logins with the demo password: the database did not answer ({exc}).",
                id="samverkan.W001",
            )
        ]
    exposed = [username for username, encoded in users if check_password(DEMO_PASSWORD, encoded)]
    if not exposed:
        return []
    return [
        Error(
            f"Demo logins still have the published demo password: {', '.join(exposed)}.",
            hint="Delete these users, deactivate them or give them new passwords "
            "(`manage.py changepassword <username>`) before going live.",
            id="samverkan.E004",
        )
    ]


def register() -> None:
    from django.core import checks

    checks.register(check_demo_passwords, Tags.security, deploy=True)
