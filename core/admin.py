import secrets

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.models import ApiToken

admin.site.site_header = _("Samverkan – administration")
admin.site.site_title = _("Samverkan")
admin.site.index_title = _("Administration")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created", "last_used"]
    readonly_fields = ["created", "last_used"]
    search_fields = ["name", "user__username"]

    def save_model(self, request, obj, form, change):
        if not change:
            key = secrets.token_urlsafe(32)
            obj.key_hash = ApiToken.hash(key)
            self.message_user(request, _("The token's key (shown only now): %(key)s") % {"key": key})
        super().save_model(request, obj, form, change)


#: The hidden field of an admin change form that carries the version the editor loaded.
LOCK_FIELD = "lock_token"


def _versioned(obj) -> bool:
    return any(f.name == "version" for f in obj._meta.concrete_fields)


def lock_token(obj) -> str:
    """What an editor loaded: the object's `version` where it has one (the same number the pages lock
    with), otherwise the id of its latest history row (every audited save writes one)."""
    if _versioned(obj):
        return f"v{obj.version}"
    history = getattr(obj, "history", None)
    last = history.order_by("-history_id").values_list("history_id", flat=True).first() if history else None
    return f"h{last or 0}"


class OptimisticLockAdmin(admin.ModelAdmin):
    """Admin change forms with the pages' optimistic lock (issue 11: two secretariat users editing the same
    object in the admin, the second save silently won). The form carries the version it was loaded at; on
    save the row is locked (the admin's change view runs in one transaction) and a save from an older version
    is refused with a message, nothing changed. A versioned object's `version` is bumped by an admin save, so
    an editor on the site's pages who loaded the older version is refused too. A POST without the field (not
    from the admin's own form) is not checked."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:  # called directly (not by the admin's views): the fields of its fieldsets
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != LOCK_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)

        def __init__(self, *args, **kw):
            form.__init__(self, *args, **kw)
            if self.instance.pk:
                self.fields[LOCK_FIELD].initial = lock_token(self.instance)

        def clean(self):
            data = form.clean(self)
            sent = self.data.get(self.add_prefix(LOCK_FIELD))
            if sent and self.instance.pk:
                model = type(self.instance)
                current = model._default_manager.select_for_update().filter(pk=self.instance.pk).first()
                if current is not None and lock_token(current) != sent:
                    raise ValidationError(
                        _(
                            "Someone else saved this %(object)s while you were editing it. Your changes were "
                            "not saved: open it again to see the newer version and make your changes again."
                        )
                        % {"object": model._meta.verbose_name},
                        code="stale",
                    )
            return data

        return type(
            form.__name__,
            (form,),
            {
                LOCK_FIELD: forms.CharField(widget=forms.HiddenInput, required=False),
                "__init__": __init__,
                "clean": clean,
            },
        )

    def save_model(self, request, obj, form, change):
        if change and _versioned(obj):
            obj.version = type(obj)._default_manager.filter(pk=obj.pk).values_list("version", flat=True)[0] + 1
        super().save_model(request, obj, form, change)
