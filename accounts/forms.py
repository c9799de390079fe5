from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import IdentityProvider, Invitation, RoleMapping
from organisations.models import Body, CooperationMember, Municipality


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
        label=_("Network (only for a network member or lead)"), queryset=Body.objects.none(), required=False
    )

    def __init__(self, *args, cooperation, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = IdentityProvider.objects.filter(pk__in=[p.pk for p in providers])
        self.fields["provider"].label_from_instance = lambda p: f"{p.municipality.name} ({p.kind})"
        self.fields["body"].queryset = Body.objects.filter(cooperation=cooperation, kind=Body.Kind.NETWORK)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Invitation.Role.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality (only for a registrar)"), queryset=Municipality.objects.none(), required=False
    )
    network = forms.ModelChoiceField(
        label=_("Network (only for a network member or lead)"), queryset=Body.objects.none(), required=False
    )

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        members = CooperationMember.objects.current_on().filter(cooperation=cooperation).values("municipality")
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=members).order_by("name")
        self.fields["network"].queryset = Body.objects.filter(cooperation=cooperation, kind=Body.Kind.NETWORK)


class InvitationPasswordForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords are not the same."))
        return data
