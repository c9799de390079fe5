"""The one visual marker for example data (core.provenance): `{% load provenance %}`.

{% example_marker %}                      the marker on its own (after a value, in a note)
{{ person.name|example:person.is_demo }}  the value, followed by the marker when it is example data
{{ value|or_unknown }}                    the value, or "uppgift saknas" when it is empty
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core import provenance

register = template.Library()


@register.simple_tag
def example_marker():
    return mark_safe(
        render_to_string(
            "core/_example_marker.html",
            {  # noqa: S308 - our own template
                "label": provenance.EXAMPLE_LABEL,
                "explanation": provenance.EXAMPLE_EXPLANATION,
            },
        ).strip()
    )


@register.filter
def example(value, is_demo):
    if not is_demo:
        return value
    return format_html('<span class="example-value">{} {}</span>', conditional_escape(value), example_marker())


@register.filter
def or_unknown(value):
    if value in (None, ""):
        return format_html('<span class="unknown">{}</span>', provenance.UNKNOWN)
    return value
