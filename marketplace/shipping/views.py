"""Biteship's webhook endpoint and the group's pick-up / label actions in the portal."""

import json

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from marketplace.portal.decorators import group_member_required
from marketplace.portal.views.orders import group_fulfillments

from .errors import ShippingError, ShippingErrorCode
from .models import Shipment
from .services import book_pickup, check_webhook_signature, handle_biteship_event

ERROR_STATUS = {
    ShippingErrorCode.BAD_SIGNATURE: 401,
    ShippingErrorCode.UNKNOWN_SHIPMENT: 404,
}


@csrf_exempt  # authenticated by Biteship's shared-secret header instead
@require_POST
def biteship_webhook(request):
    if not request.body.strip():
        return JsonResponse({"ok": True})  # Biteship's install check posts an empty body
    try:
        check_webhook_signature(request.headers)
        try:
            payload = json.loads(request.body)
        except ValueError:
            raise ShippingError(ShippingErrorCode.INVALID, _("The body is not JSON."))
        if not isinstance(payload, dict):
            raise ShippingError(ShippingErrorCode.INVALID, _("The body is not a JSON object."))
        result = handle_biteship_event(payload)
    except ShippingError as error:
        return JsonResponse(
            {"ok": False, "code": error.code.value, "message": error.message},
            status=ERROR_STATUS.get(error.code, 400),
        )
    return JsonResponse({"ok": True, "result": result})


@require_POST
@group_member_required
def request_pickup(request, fulfillment_id):
    fulfillment = get_object_or_404(group_fulfillments(request.group), pk=fulfillment_id)
    try:
        book_pickup(fulfillment.pk, actor=request.user)
    except ShippingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Pick-up booked. Print the label and stick it on the parcel."))
    return redirect("portal:fulfillment", fulfillment.pk)


@require_GET
@group_member_required
def label(request, fulfillment_id):
    fulfillment = get_object_or_404(group_fulfillments(request.group), pk=fulfillment_id)
    shipment = Shipment.objects.filter(fulfillment=fulfillment).exclude(label="").first()
    if shipment is None:
        raise Http404
    return FileResponse(
        shipment.label.open("rb"),
        content_type="application/pdf",
        filename=f"label-{fulfillment.composed_id}.pdf",
    )
