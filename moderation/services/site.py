"""The site's own account, chosen by operators in the site settings."""

from django.db import transaction

from accounts.models import User
from accounts.services.members import site_account_create
from forums.services.check_ins import SITE_IDENTITY_HANDLE
from moderation.models import SiteSettings


def site_identity() -> User:
    """The account scheduled threads are posted under: the operators' choice in the site
    settings, or an account created for it (it cannot log in)."""
    with transaction.atomic():
        site_settings = SiteSettings.objects.select_for_update().get(pk=SiteSettings.load().pk)
        if site_settings.site_identity_id:
            return site_settings.site_identity
        user = User.objects.filter(handle__iexact=SITE_IDENTITY_HANDLE).first()
        if user is None:
            # Its handle is one sign-up refuses, so no member can be mistaken for it.
            user = site_account_create(handle=SITE_IDENTITY_HANDLE)
        # A member who already took the handle is never taken over: this needs operators.
        elif user.has_usable_password():
            raise LookupError("the check-in handle belongs to a member; set a site identity")
        site_settings.site_identity = user
        site_settings.save(update_fields=["site_identity"])
        return user
