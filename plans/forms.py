from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import DateInput
from plans.models import FollowUpRound, GoalAssessment, Status


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    owner_membership = forms.ModelChoiceField(label=pgettext_lazy("activity", "Owner"), queryset=None, required=False)
    start = forms.DateField(label=_("Start"), required=False, widget=DateInput)
    due = forms.DateField(label=_("Due"), required=False, widget=DateInput)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals served"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Participating municipalities"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, action_plan, goal_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.models import Membership, Municipality

        self.fields["owner_membership"].queryset = Membership.objects.filter(body=action_plan.body).select_related(
            "person"
        )
        self.fields["goals"].queryset = goal_queryset
        self.fields["goals"].label_from_instance = lambda g: ("– " if g.parent_id else "") + g.text
        self.fields["municipalities"].queryset = (
            Municipality.objects.filter(memberships_in_cooperations__cooperation=action_plan.cooperation)
            .distinct()
            .order_by("name")
        )


class RoundOpenForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    period = forms.ChoiceField(label=_("Period"), choices=FollowUpRound.Period.choices)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (XLSX or CSV)"))


GRADE_CHOICES = [("", _("not assessed"))] + list(GoalAssessment.Grade.choices)


class ActionPlanCreateForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Network"), queryset=None, empty_label=None)
    summary = forms.CharField(
        label=pgettext_lazy("action plan", "Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the network sets out to do this year (may be written later)."),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.models import Body

        self.fields["body"].queryset = Body.objects.filter(pk__in=[b.pk for b in bodies]).order_by("name")
