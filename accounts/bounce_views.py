"""The bounce webhook: mail providers report bounces here, signed with a shared secret."""

import dataclasses
import logging
from collections import Counter

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts import services
from accounts.bounces import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    BounceFormatError,
    bounces_from_dsn,
    bounces_from_json,
    signature_is_valid,
)
from accounts.enums import BounceSource

logger = logging.getLogger("hearth.email")

DSN_CONTENT_TYPES = ("message/rfc822", "multipart/report", "message/delivery-status")


# No CSRF token and no login: the mail provider's servers call this; the HMAC signature with
# the shared secret is the only authority (off while EMAIL_BOUNCE_WEBHOOK_SECRET is unset).
@csrf_exempt
@never_cache
@require_POST
def email_bounce_webhook(request):
    """Record bounces reported as JSON or as an RFC 3464 DSN; answer how each was taken."""
    secret = settings.EMAIL_BOUNCE_WEBHOOK_SECRET
    if not secret:
        raise Http404
    body = request.body
    if not signature_is_valid(
        secret=secret,
        timestamp=request.headers.get(TIMESTAMP_HEADER, ""),
        signature=request.headers.get(SIGNATURE_HEADER, ""),
        body=body,
    ):
        logger.warning("email bounce webhook: missing, wrong or expired signature")
        return JsonResponse(
            {"error": f"Missing, wrong or expired {SIGNATURE_HEADER}/{TIMESTAMP_HEADER}."},
            status=403,
        )
    content_type = request.content_type.lower()
    try:
        if content_type == "application/json":
            bounces, source = bounces_from_json(body), BounceSource.WEBHOOK
        elif content_type in DSN_CONTENT_TYPES:
            bounces, source = bounces_from_dsn(body), BounceSource.DSN
        else:
            raise BounceFormatError(
                "Send application/json, or a DSN as " + ", ".join(DSN_CONTENT_TYPES) + "."
            )
    except BounceFormatError as error:
        return JsonResponse({"error": str(error)}, status=400)
    # A bounce without a reference of its own takes the request's signature as one: the same
    # signed request sent again within the timestamp window (a replay) counts once.
    signature = request.headers.get(SIGNATURE_HEADER, "").strip()
    bounces = [
        bounce
        if bounce.reference
        else dataclasses.replace(bounce, reference=f"signed-request:{signature}:{index}")
        for index, bounce in enumerate(bounces)
    ]
    outcomes = Counter(
        services.email_bounce_record(
            address=bounce.address,
            kind=bounce.kind,
            source=source,
            status_code=bounce.status_code,
            reference=bounce.reference,
        )
        for bounce in bounces
    )
    return JsonResponse({str(outcome): count for outcome, count in sorted(outcomes.items())})
