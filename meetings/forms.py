"""Forms of the meeting work pages (staff): they only parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import DateInput
from meetings.models import Attendance


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(queryset=None, label=_("Body"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())
    location = forms.CharField(label=_("Location"), required=False, max_length=200)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class RescheduleForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())
    location = forms.CharField(label=_("Location"), required=False, max_length=200)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the cancellation"), max_length=300)


class AgendaItemForm(forms.Form):
    number = forms.IntegerField(
        label=_("Number"), min_value=1, max_value=999, required=False, help_text=_("Empty: last on the agenda.")
    )
    title = forms.CharField(label=pgettext_lazy("heading", "Title"), max_length=300)
    case_number = forms.CharField(label=_("Case number (Dnr)"), max_length=60, required=False)
    rapporteur = forms.CharField(label=_("Rapporteur"), max_length=200, required=False)
    proposal = forms.CharField(
        label=_("Proposal for decision"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class PaperForm(forms.Form):
    file = forms.FileField(label=_("Paper (PDF or Word)"))


class MinutesHeadForm(forms.Form):
    chair = forms.ChoiceField(label=_("Chair"), required=False)
    secretary = forms.ChoiceField(label=_("Secretary"), required=False)
    approval_place = forms.CharField(label=_("Approval place"), max_length=200, required=False)

    def __init__(self, *args, names, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "–"), *((n, n) for n in names)]
        self.fields["chair"].choices = choices
        self.fields["secretary"].choices = choices


class ApproversForm(forms.Form):
    first = forms.ModelChoiceField(queryset=None, label=_("First approver"))
    second = forms.ModelChoiceField(queryset=None, label=_("Second approver"), required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].queryset = people
        self.fields["second"].queryset = people


class AttendanceForm(forms.Form):
    category = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Category.choices)
    replaces = forms.CharField(label=_("Replaces"), max_length=200, required=False)


class OtherPresentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role or title"), max_length=200, required=False)


class ParagraphForm(forms.Form):
    number = forms.IntegerField(label=pgettext_lazy("paragraph", "§ number"), min_value=1, max_value=29999)
    case_number = forms.CharField(label=_("Case number (Dnr)"), max_length=60, required=False)
    title = forms.CharField(label=pgettext_lazy("heading", "Title"), max_length=300)
    description = forms.CharField(
        label=_("Description of the matter"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decision = forms.CharField(label=_("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ApprovalForm(forms.Form):
    approved_on = forms.DateField(label=_("Date of approval"), widget=DateInput())


class NoticePostForm(forms.Form):
    posted_on = forms.DateField(label=_("Notice put up on"), widget=DateInput())
    storage_place = forms.CharField(label=_("Where the minutes are kept"), max_length=200, required=False)


class ExtractSendForm(forms.Form):
    number = forms.TypedChoiceField(label=_("Paragraph"), coerce=int)
    recipients = forms.CharField(
        label=_("Recipients (e-mail addresses, one a line)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].choices = [(n, f"§ {n}") for n in numbers]


class ProposedMeetingForm(forms.Form):
    """One row of the calendar proposal: a meeting the secretariat may change before accepting."""

    body = forms.ModelChoiceField(queryset=None, label=_("Body"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())
    host = forms.ModelChoiceField(queryset=None, label=_("Host municipality"), required=False, empty_label="–")

    def __init__(self, *args, bodies, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["host"].queryset = members


class ProposedConferenceForm(forms.Form):
    """One conference edition of the calendar proposal, with its hosts."""

    series = forms.ModelChoiceField(queryset=None, label=_("Conference"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hosts = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Host municipalities"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, series, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series
        self.fields["hosts"].queryset = members


class _RowFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove from the proposal")


ProposedMeetingFormSet = forms.formset_factory(
    ProposedMeetingForm, formset=_RowFormSet, extra=0, can_delete=True, max_num=200, validate_max=True
)
ProposedConferenceFormSet = forms.formset_factory(
    ProposedConferenceForm, formset=_RowFormSet, extra=0, can_delete=True, max_num=50, validate_max=True
)
