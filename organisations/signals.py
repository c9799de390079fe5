"""Keep a user's Django groups in step with their staff roles, however the role was saved
(service, admin or a test builder)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from organisations.models import StaffRole


@receiver(post_save, sender=StaffRole, dispatch_uid="staffrole_groups_on_save")
@receiver(post_delete, sender=StaffRole, dispatch_uid="staffrole_groups_on_delete")
def sync_groups(sender, instance, raw=False, origin=None, **kwargs):
    if raw or isinstance(origin, get_user_model()):
        return  # fixtures, or the user itself is being deleted
    from organisations.services import sync_role_groups

    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:
        sync_role_groups(user)
