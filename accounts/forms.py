from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import IdentityProvider, RoleMapping
from organisations.models import Body


class RoleMappingForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=pgettext_lazy("sign-in page", "Identity provider"), queryset=IdentityProvider.objects.none()
    )
    group = forms.CharField(
        label=pgettext_lazy("sign-in page", "Group"),
        max_length=200,
        help_text=_("The value the provider sends in its groups claim or attribute."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=RoleMapping.ROLES)
    body = forms.ModelChoiceField(
        label=_("Network (only for a network lead)"), queryset=Body.objects.none(), required=False
    )

    def __init__(self, *args, cooperation, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = IdentityProvider.objects.filter(pk__in=[p.pk for p in providers])
        self.fields["provider"].label_from_instance = lambda p: f"{p.municipality.name} ({p.kind})"
        self.fields["body"].queryset = Body.objects.filter(cooperation=cooperation, kind=Body.Kind.NETWORK)
