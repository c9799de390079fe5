from django import forms
from django.utils.translation import gettext_lazy as _

from core import uploads
from programme.models import AdoptionStep


class AdoptionStepForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=100, required=False,
                                  help_text=_("The municipality's reference, e.g. 2019/KS 0260 005."))
    kind = forms.ChoiceField(label=_("Kind of step"), choices=AdoptionStep.Kind.choices)
    body_name = forms.CharField(label=_("Body"), max_length=200,
                                help_text=_("E.g. Kommunledningsutskottet or Kommunstyrelsen."))
    meeting_date = forms.DateField(label=_("Meeting date"), widget=forms.DateInput(attrs={"type": "date"}))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=20, required=False, help_text=_("E.g. § 60."))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AdoptionStep.Outcome.choices)
    text = forms.CharField(label=_("Text of the decision or proposal"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))
    extract = forms.FileField(label=_("Protocol extract (PDF)"), required=False, validators=[uploads.validate_pdf])

    def add_validation_error(self, exc):
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in self.fields else None
                for e in errors:
                    self.add_error(target, e)
        else:
            for message in exc.messages:
                self.add_error(None, message)
