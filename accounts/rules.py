"""Who may edit role mappings: the secretariat of the mapping's cooperation (a mapping for every
cooperation of a municipality: system administrators only). Identity providers and sign-in events
are the system administrators' (admin); the secretariat reads its cooperation's events on its page."""

from accounts.models import Invitation, RoleMapping
from organisations.permissions import register_scoped_model

register_scoped_model(RoleMapping)
register_scoped_model(Invitation)
