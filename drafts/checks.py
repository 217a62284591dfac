from django.core import checks

from drafts.places import kinds_without_owner


@checks.register()
def places_registered(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every kind of draft place has an app that knows its limits and where it is."""
    return [
        checks.Error(
            f"No app registered the draft place {kind!r}.",
            hint="Register it with drafts.places.place_owner_register() in AppConfig.ready().",
            id="drafts.E001",
        )
        for kind in kinds_without_owner()
    ]
