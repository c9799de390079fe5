from django import forms
from django.utils.translation import gettext_lazy as _

from core import uploads
from core.forms import DateInput
from programme.models import AdoptionStep


class AdoptionStepForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=100,
        required=False,
        help_text=_("The municipality's reference, e.g. 2019/KS 0260 005."),
    )
    kind = forms.ChoiceField(label=_("Kind of step"), choices=AdoptionStep.Kind.choices)
    body_name = forms.CharField(
        label=_("Body"), max_length=200, help_text=_("E.g. Kommunledningsutskottet or Kommunstyrelsen.")
    )
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DateInput())
    paragraph = forms.CharField(label=_("Paragraph"), max_length=20, required=False, help_text=_("E.g. § 60."))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AdoptionStep.Outcome.choices)
    text = forms.CharField(
        label=_("Text of the decision or proposal"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    extract = forms.FileField(label=_("Protocol extract (PDF)"), required=False, validators=[uploads.validate_pdf])
    deciding_body = forms.ChoiceField(
        label=_("Deciding body in the municipality"),
        required=False,
        help_text=_("The body whose decision counts as the municipality's adoption."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from programme.models import DECIDING_BODIES

        current = self.initial.get("deciding_body") or DECIDING_BODIES[0]
        bodies = DECIDING_BODIES if current in DECIDING_BODIES else [current, *DECIDING_BODIES]
        self.fields["deciding_body"].choices = [(b, b) for b in bodies]
        self.fields["deciding_body"].initial = current

    def add_validation_error(self, exc):
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in self.fields else None
                for e in errors:
                    self.add_error(target, e)
        else:
            for message in exc.messages:
                self.add_error(None, message)


class NextVersionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=50, help_text=_("E.g. UP 2030."))
    slug = forms.SlugField(label=_("Address"), max_length=50, help_text=_("Used in the address, e.g. up-2030-2027."))
    year = forms.IntegerField(label=_("Year drawn up"), min_value=1900, max_value=2200)
    term_start_year = forms.IntegerField(label=_("Valid from (year)"), min_value=1900, max_value=2200, required=False)
    term_end_year = forms.IntegerField(label=_("Valid to (year)"), min_value=1900, max_value=2200, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start_year"), data.get("term_end_year")
        if start and end and end < start:
            self.add_error("term_end_year", _("The term cannot end before it starts."))
        return data


class SendOutForm(forms.Form):
    """Send a programme out for adoption: which members, and the body that decides in each."""

    sent_on = forms.DateField(label=_("Sent out on"), widget=DateInput)
    deadline = forms.DateField(label=_("Deadline for the decisions"), widget=DateInput, required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        from programme.models import DECIDING_BODIES

        self.municipalities = list(municipalities)
        choices = [(b, b) for b in DECIDING_BODIES]
        for m in self.municipalities:
            self.fields[f"send_{m.pk}"] = forms.BooleanField(
                label=_("Send to %(name)s") % {"name": m.name}, required=False, initial=True
            )
            self.fields[f"body_{m.pk}"] = forms.ChoiceField(
                label=_("Deciding body in %(name)s") % {"name": m.name}, choices=choices, initial=DECIDING_BODIES[0]
            )

    def member_rows(self):
        return [(m, self[f"send_{m.pk}"], self[f"body_{m.pk}"]) for m in self.municipalities]

    def chosen(self) -> list[tuple]:
        return [
            (m, self.cleaned_data[f"body_{m.pk}"]) for m in self.municipalities if self.cleaned_data.get(f"send_{m.pk}")
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("sent_on"), data.get("deadline")
        if start and end and end < start:
            self.add_error("deadline", _("The deadline cannot be before the document is sent out."))
        return data
