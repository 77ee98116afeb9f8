"""The gateway's inbound webhooks: verify, then hand the message to ``receive``."""

import logging

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import webhooks
from .receive import receive_message

logger = logging.getLogger("marketplace.notifications")


def _receive(read):
    try:
        payload = read()
    except webhooks.WebhookNotConfigured as exc:
        logger.error("inbound WhatsApp webhook not configured: %s", exc)
        return JsonResponse({"error": "not_configured"}, status=503)
    except webhooks.WebhookRefused as exc:
        logger.warning("inbound WhatsApp webhook refused: %s", exc)
        return JsonResponse({"error": "invalid_signature"}, status=401)
    except webhooks.WebhookMalformed as exc:
        return JsonResponse({"error": "invalid", "message": str(exc)}, status=400)
    received = receive_message(
        gateway=payload.gateway,
        external_id=payload.external_id,
        sender=payload.sender,
        text=payload.text,
    )
    return JsonResponse(
        {
            "received": True,
            "duplicate": received.duplicate,
            "outcome": received.message.outcome,
        }
    )


@csrf_exempt
@require_POST
def generic_inbound(request):
    return _receive(lambda: webhooks.read_generic(request.body, request.headers))


@csrf_exempt
@require_POST
def fonnte_inbound(request, token):
    content_type = request.content_type or ""
    if "json" in content_type:
        body, form = request.body, {}
    else:  # a form (urlencoded or multipart): Django parses it, the raw body is not read
        body, form = b"", request.POST.dict()
    return _receive(lambda: webhooks.read_fonnte(token, body, content_type, form))
