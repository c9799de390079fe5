from django import template

from kpi.formatting import fmt_change, fmt_value

register = template.Library()


@register.filter
def kpi_value(value, figure=None):
    return fmt_value(value, figure)


@register.filter
def kpi_change(value, figure=None):
    return fmt_change(value, figure)


@register.filter
def cell_at(cells, index):
    return cells[index]


@register.filter
def get_year(values, year):
    return values.get(year)
