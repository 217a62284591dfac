from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from accounts.ratelimit import hashed_client_address


class AccountAdapter(DefaultAccountAdapter):
    """allauth customisation: hashed client addresses, operator switch for sign-ups."""

    def get_client_ip(self, request) -> str:
        # allauth keys its rate limits (and anything else) by this value: never a raw IP.
        return hashed_client_address(request)

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "SIGNUP_OPEN", True)
