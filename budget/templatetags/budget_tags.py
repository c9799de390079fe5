from django import template

from budget import selectors

register = template.Library()


@register.simple_tag
def budget_summary(budget):
    """{% budget_summary budget as summary %}: the dict of budget.selectors.budget_summary."""
    return selectors.budget_summary(budget)
