"""Object-level permission rules (django-rules), shared by the admin, views and the API.

Each app registers its models in its `rules.py` with `register_scoped_model`, naming which roles
of the object's cooperation may add, change and delete it. Superusers may do everything; reading
public governance data needs no permission at all.
"""

import rules

from organisations.access import cooperation_of, may_act_for
from organisations.models import StaffRole


def role_in_object_cooperation(*roles: str):
    """Predicate: the user holds one of `roles` in the cooperation of the object.

    With no object (the admin asking "may this user add any?"), any cooperation counts.
    """

    @rules.predicate(name=f"has_role_{'_or_'.join(roles)}")
    def predicate(user, obj=None):
        if obj is None:
            if not getattr(user, "is_authenticated", False):
                return False
            return StaffRole.objects.filter(user=user, role__in=roles).exists()
        return may_act_for(user, cooperation_of(obj), *roles)

    return predicate


is_superuser = rules.is_superuser
is_staff = rules.is_staff


def register_scoped_model(model, *, edit=("secretariat",), add=None, delete=None, extra=None):
    """Register view/add/change/delete perms for a cooperation-scoped model.

    `edit` roles may change; `add` and `delete` default to the same roles. `extra` is an optional
    predicate OR-ed into change (e.g. "a registrar of this adoption's municipality").
    """
    meta = model._meta
    change_pred = is_superuser | role_in_object_cooperation(*edit)
    if extra is not None:
        change_pred = change_pred | extra
    add_pred = is_superuser | role_in_object_cooperation(*(add or edit))
    if extra is not None and add is None:
        add_pred = add_pred | extra
    delete_pred = is_superuser | role_in_object_cooperation(*(delete or edit))
    for action, pred in (
        ("view", is_staff | is_superuser),
        ("add", add_pred),
        ("change", change_pred),
        ("delete", delete_pred),
    ):
        name = f"{meta.app_label}.{action}_{meta.model_name}"
        if rules.perm_exists(name):
            rules.remove_perm(name)
        rules.add_perm(name, pred)
