from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import DateInput
from news.models import Publication

PUBLISH_CHOICES = [
    ("draft", pgettext_lazy("publish choice", "Save as a draft (not public)")),
    ("now", pgettext_lazy("publish choice", "Publish now")),
    ("at", pgettext_lazy("publish choice", "Publish at a time of my choosing")),
]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def initial_publish(published_at) -> dict:
    """The publication choice a stored publication time shows as: a draft, published, or scheduled for then."""
    if published_at is None:
        return {"publish": "draft"}
    if published_at <= timezone.now():
        return {"publish": "now"}
    return {"publish": "at", "publish_at": timezone.localtime(published_at)}


class PublishFields(forms.Form):
    """The choice between a draft, publishing now and publishing at a chosen time."""

    publish = forms.ChoiceField(
        label=_("Publication"), choices=PUBLISH_CHOICES, widget=forms.RadioSelect, initial="draft"
    )
    publish_at = forms.DateTimeField(
        label=_("Publication time"),
        required=False,
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Only with “Publish at a time of my choosing”."),
    )

    def clean(self):
        data = super().clean()
        if data.get("publish") == "at" and not data.get("publish_at"):
            self.add_error("publish_at", _("Give the time when it is to be published."))
        return data


class NewsForm(PublishFields):
    title = forms.CharField(label=pgettext_lazy("news form", "Title"), max_length=200)
    lead = forms.CharField(
        label=pgettext_lazy("news form", "Lead"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in lists and feeds."),
    )
    body = forms.CharField(
        label=pgettext_lazy("news form", "Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Paragraphs separated by an empty line."),
    )
    image = forms.FileField(label=_("Image (PNG or JPEG)"), required=False)
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        max_length=300,
        required=False,
        help_text=_("What the image shows, for those who cannot see it. Required with an image."),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)

    field_order = ["title", "lead", "body", "image", "image_alt", "remove_image", "publish", "publish_at"]


class PublicationForm(PublishFields):
    title = forms.CharField(label=pgettext_lazy("news form", "Title"), max_length=200)
    kind = forms.ChoiceField(label=pgettext_lazy("news form", "Kind"), choices=Publication.Kind.choices)
    date = forms.DateField(label=_("The document's date"), widget=DateInput)
    description = forms.CharField(
        label=pgettext_lazy("news form", "Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(label=_("File (PDF)"), required=False)

    field_order = ["title", "kind", "date", "description", "file", "publish", "publish_at"]
