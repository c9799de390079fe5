"""Who may change key-figure groups and import values: the cooperation's secretariat."""

from core.permissions import register_scoped_model
from kpi.models import KeyFigureGroup, KeyFigureGroupItem

register_scoped_model(KeyFigureGroup, edit=("secretariat",))
register_scoped_model(KeyFigureGroupItem, edit=("secretariat",))
