"""Template filters every app uses: Swedish dates, kronor and numbers."""

import itertools

from django import template
from django.utils.safestring import mark_safe

from core import formatting

register = template.Library()


@register.filter
def sv_date(value):
    """{{ meeting.start|sv_date }} -> '7 mars 2014'"""
    return formatting.sv_date(value)


@register.filter
def sv_date_weekday(value):
    """{{ meeting.start|sv_date_weekday }} -> 'fredag 7 mars 2014'"""
    return formatting.sv_date(value, with_weekday=True)


@register.filter
def sv_time(value):
    return formatting.sv_time(value)


@register.filter
def kronor(value):
    """{{ amount|kronor }} -> '860 000 kr'"""
    return formatting.kronor(value)


@register.filter
def sv_number(value, decimals=0):
    return formatting.sv_number(value, int(decimals))


@register.filter
def join_and(value):
    """{{ hosts|join_and }} -> 'Botkyrka och Haninge'"""
    return formatting.join_and(value)


@register.filter
def audit_label(value):
    """The translated label of a stored audit action code (see core/audit.py)."""
    from core import audit

    return audit.label(value)


@register.filter
def may_use_admin(user) -> bool:
    """The admin is linked for those who can do something there: active staff with at least one permission."""
    return bool(
        getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
        and (user.is_superuser or user.get_all_permissions())
    )


@register.simple_tag(takes_context=True)
def aria_current(context, url, exact=False):
    """` aria-current="page"` on the menu link of the page shown, ` aria-current="true"` on the link of the
    section it belongs to (a page under the link's address; `exact`: the page itself only)."""
    request = context.get("request")
    path = getattr(request, "path", None)
    if not path:
        return ""
    if path == url:
        return mark_safe(' aria-current="page"')
    if not exact and path.startswith(url):
        return mark_safe(' aria-current="true"')
    return ""


@register.simple_tag(takes_context=True)
def unique_id(context, prefix="box"):
    """An id unique within the page being rendered (`{% unique_id "table" as box %}`): for a scroll box
    labelled by its table's caption (aria-labelledby), also when a template is included several times."""
    request = context.get("request")
    if request is None:  # a document rendered without a request: a process-wide counter is unique too
        return f"{prefix}-d{next(_fallback_ids)}"
    request._samverkan_unique_id = getattr(request, "_samverkan_unique_id", 0) + 1
    return f"{prefix}-{request._samverkan_unique_id}"


_fallback_ids = itertools.count(1)
