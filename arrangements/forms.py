"""Forms of the secretariat's pages for the register of joint arrangements."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arrangements.models import Agreement, Procurement
from core.forms import DateInput
from organisations.models import JointArrangement, Organisation, Participation

NO_PART = ""


def _lead_field(members):
    return forms.ModelChoiceField(
        label=_("Lead municipality"),
        queryset=members,
        required=False,
        empty_label=pgettext_lazy("provenance", "not known"),
    )


class RolesMixin:
    """One select per member municipality: takes no part, participant, may join (or party)."""

    role_choices = [
        (NO_PART, _("takes no part")),
        (Participation.Role.PARTICIPANT, _("participant")),
        (Participation.Role.MAY_JOIN, _("may join")),
    ]

    def add_role_fields(self, members, current: dict):
        self.members = list(members)
        for m in self.members:
            self.fields[f"role_{m.pk}"] = forms.ChoiceField(
                label=m.name, choices=self.role_choices, required=False, initial=current.get(m.pk, NO_PART)
            )

    def role_rows(self):
        return [self[f"role_{m.pk}"] for m in self.members]

    def roles(self) -> dict:
        lead = self.cleaned_data.get("lead")
        return {
            m: (self.cleaned_data.get(f"role_{m.pk}") or None) if not (lead and lead.pk == m.pk) else None
            for m in self.members
        }


class ProcurementForm(RolesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    subject = forms.CharField(label=_("Object of the procurement"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Status"), choices=Procurement.Status.choices)
    contract_start = forms.DateField(label=_("Contract from"), widget=DateInput, required=False)
    contract_end = forms.DateField(label=_("Contract to"), widget=DateInput, required=False)
    extension_until = forms.DateField(label=_("May be extended to"), widget=DateInput, required=False)
    notice_date = forms.DateField(label=_("Last day to give notice or extend"), widget=DateInput, required=False)
    value = forms.CharField(label=_("Value (kr)"), required=False, help_text=_("Whole kronor, e.g. 1200000."))
    notice_url = forms.URLField(label=_("Link to the notice"), required=False, assume_scheme="https")
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, members, current_roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"] = _lead_field(members)
        self.order_fields(["name", "subject", "lead"])
        self.add_role_fields(members, current_roles or {})


class ProjectForm(RolesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (JointArrangement.Kind.EU_PROJECT, _("EU project or pre-study")),
            (JointArrangement.Kind.OTHER, _("other joint arrangement")),
        ],
    )
    start_year = forms.IntegerField(label=_("From (year)"), min_value=1900, max_value=2200, required=False)
    end_year = forms.IntegerField(label=_("To (year)"), min_value=1900, max_value=2200, required=False)
    funding = forms.CharField(label=_("Funding"), max_length=200, required=False)
    budget = forms.CharField(label=_("Budget (kr)"), required=False, help_text=_("Whole kronor, e.g. 1200000."))
    partners = forms.CharField(
        label=_("Partners outside the cooperation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    results = forms.CharField(label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, members, current_roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"] = _lead_field(members)
        self.order_fields(["name", "kind", "lead"])
        self.add_role_fields(members, current_roles or {})


class AgreementForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    agreement_type = forms.ChoiceField(label=_("Type of agreement"), choices=Agreement.Type.choices)
    notice_months = forms.IntegerField(label=_("Notice period (months)"), min_value=0, max_value=120, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, members, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(
            label=_("Concerns"), queryset=organisations, required=False, empty_label="–"
        )
        self.fields["lead"] = forms.ModelChoiceField(
            label=_("Host or lead municipality"), queryset=members, required=False, empty_label="–"
        )
        self.fields["parties"] = forms.ModelMultipleChoiceField(
            label=_("Parties"), queryset=members, widget=forms.CheckboxSelectMultiple, required=True
        )
        self.order_fields(["name", "agreement_type", "organisation", "lead", "parties"])


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("E.g. Reviderat avtal 2027."))
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput, required=False)
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput, required=False)
    file = forms.FileField(label=_("File (PDF or Word)"), required=False)


class DialogueForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Agenda or purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Once the dialogue has been held."),
    )


class OwnerDecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput, required=False)
    body_name = forms.CharField(label=_("Deciding body"), max_length=200, initial="Kommunstyrelsen")
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"] = forms.ModelChoiceField(label=_("Owner"), queryset=owners)
        self.order_fields(["municipality"])


class OwnerShareForm(forms.Form):
    share_percent = forms.CharField(
        label=_("Share (%)"), required=False, max_length=10, help_text=_("Leave empty when the share is not known.")
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_municipality"] = forms.ModelChoiceField(label=_("Owner"), queryset=members)
        self.order_fields(["owner_municipality"])

    def clean_share_percent(self):
        return self.cleaned_data["share_percent"].replace(",", ".").replace("%", "").strip()


class CommitteeMinutesForm(forms.Form):
    date = forms.DateField(label=_("Meeting date"), widget=DateInput)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("File (PDF or Word)"), required=False)


def jointly_owned_choices(cooperation):
    return Organisation.objects.filter(cooperation=cooperation, kind__in=Organisation.JOINTLY_OWNED_KINDS)
