from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import DateInput
from meetings.models import WEEKDAYS
from organisations.models import Body

#: The kinds of body as the onboarding offers them: what each is for, in words that fit any cooperation.
BODY_KIND_CHOICES = [
    ("", _("– choose –")),
    (Body.Kind.COMMITTEE, _("Steering body (e.g. a board or committee of the members' politicians)")),
    (Body.Kind.MANAGEMENT_GROUP, _("Group of the members' chief executives")),
    (Body.Kind.SECRETARIAT, _("Office (the secretariat)")),
    (Body.Kind.NETWORK, _("Network of officials")),
    (Body.Kind.WORKING_GROUP, _("Working group")),
]

#: Empty rows the bodies page offers at once.
BODY_ROWS = 6


class CooperationForm(forms.Form):
    name = forms.CharField(label=_("Name of the cooperation"), max_length=200)
    slug = forms.SlugField(
        label=_("Short address"),
        max_length=50,
        required=False,
        help_text=_("Part of every address, e.g. /nordost/. Made from the name when empty."),
    )
    secretariat_email = forms.EmailField(
        label=_("E-mail of the secretariat"),
        help_text=_(
            "An existing account with this address gets the secretariat's role; a new address gets an "
            "e-mail with a link to set a password."
        ),
    )


class MembersForm(forms.Form):
    codes = forms.CharField(
        label=_("SCB codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Paste the members' codes, separated by spaces, commas or lines, e.g. 1280 1283."),
    )
    chosen = forms.MultipleChoiceField(label=_("Found"), required=False, widget=forms.CheckboxSelectMultiple)
    joined = forms.DateField(
        label=_("Members since"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when the date is not known."),
    )

    def __init__(self, *args, found=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = [(m.code, f"{m.code} {m.name}") for m in found]


class BodyRowForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=BODY_KIND_CHOICES, required=False)
    min_meetings_per_year = forms.IntegerField(
        label=_("Meetings a year, at least"), min_value=0, max_value=365, required=False
    )


BodyRowFormSet = forms.formset_factory(BodyRowForm, extra=BODY_ROWS, max_num=BODY_ROWS, absolute_max=BODY_ROWS)


class RuleForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Usual weekday"), choices=[("", _("– none –")), *WEEKDAYS], coerce=int, empty_value=None, required=False
    )
    start_time = forms.TimeField(label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(
        label=pgettext_lazy("time of day", "To"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    min_meetings = forms.IntegerField(label=_("Meetings a year, at least"), min_value=0, max_value=365, required=False)
    must_precede = forms.ModelChoiceField(
        label=_("Meets before each meeting of"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("– no body –"),
    )
    rotate_hosts = forms.BooleanField(label=_("The members take turns as hosts"), required=False)

    def __init__(self, *args, body, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["must_precede"].queryset = others


class KoladaForm(forms.Form):
    kolada_group_id = forms.CharField(
        label=_("Kolada group"),
        max_length=12,
        required=False,
        help_text=_(
            "Kolada's municipality group of exactly your members (its unweighted mean), e.g. G12345. "
            "Leave empty when there is none."
        ),
    )
