"""The application's one domain error. Services raise it (or Django's ValidationError) with a
translated Swedish message; views turn it into a form error, the API into a 400."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule was broken. Subclasses ValidationError so forms and the API treat it alike."""


class Conflict(DomainError):
    """The write collides with data saved meanwhile: the same thing already exists (a retry or a double
    click), or someone else saved first. Pages show the message; the API answers 409."""
