"""Cash on delivery in the group's portal: the cash collected, or the parcel refused at the door."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.core.errors import DomainError
from marketplace.orders.cod import deliver_cod_fulfillment, refuse_cod_delivery

from ..decorators import group_member_required
from .orders import group_fulfillments


class CashCollectedForm(forms.Form):
    cash_collected = forms.IntegerField(label=gettext_lazy("Cash collected (Rp)"), min_value=1)


class RefusedForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why was the parcel refused?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _run(request, fulfillment_id, form, operation, done: str):
    fulfillment = get_object_or_404(group_fulfillments(request.group), pk=fulfillment_id)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("portal:fulfillment", fulfillment.pk)
    try:
        operation(fulfillment.pk, actor=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("portal:fulfillment", fulfillment.pk)


@require_POST
@group_member_required
def cash_collected(request, fulfillment_id):
    return _run(
        request,
        fulfillment_id,
        CashCollectedForm(request.POST),
        deliver_cod_fulfillment,
        _("Cash recorded; the parcel is delivered."),
    )


@require_POST
@group_member_required
def refused(request, fulfillment_id):
    return _run(
        request,
        fulfillment_id,
        RefusedForm(request.POST),
        refuse_cod_delivery,
        _("Parcel refused at the door: it is back in your stock."),
    )
