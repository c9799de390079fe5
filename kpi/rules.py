"""Who may change key-figure groups and import values: the cooperation's secretariat."""

from kpi.models import KeyFigureGroup, KeyFigureGroupItem
from organisations.permissions import register_scoped_model

register_scoped_model(KeyFigureGroup, edit=("secretariat",))
register_scoped_model(KeyFigureGroupItem, edit=("secretariat",))
