"""Södertörn demo data for the plans app; called by `manage.py load_sodertorn`."""


def load(cooperation, *, log=print):
    """Build this app's part of the demo; must be idempotent."""
