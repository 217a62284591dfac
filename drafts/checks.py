from django.core import checks

from core.hooks import required_hooks_check
from drafts.places import place_owners

# Every kind of draft place has an app that knows its limits and where it is.
places_registered = checks.register(
    required_hooks_check([place_owners], check_id="drafts.E001"), "hooks"
)
