"""Staff pages for payments, scoped to the staff user's province (404 outside it).

Records are read-only: money moves only through the services (confirm a transfer, reject a
receipt, complete a manual refund), each a small form on the transaction's review page.
"""

import logging

from django.contrib import admin, messages
from django.db import transaction as db_transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline

from marketplace.core import audit
from marketplace.core.admin import rupiah_field
from marketplace.core.money import format_rupiah
from marketplace.curation.scoping import (
    ProvinceScopedAdminMixin,
    ProvinceScopedInlineMixin,
    can_edit,
)

from .bank_transfer import confirm_bank_transfer, reject_proof
from .errors import PaymentError
from .forms import ConfirmTransferForm, ManualRefundForm, RejectProofForm, StaffRefundForm
from .models import (
    PaymentProof,
    ProviderEvent,
    Refund,
    RefundStatus,
    TransactionEvent,
    TransactionGateway,
    TransactionItem,
    TransactionStatus,
)
from .refund_processing import complete_manual_refund
from .refunds import refundable, request_refund
from .storage import proof_storage

logger = logging.getLogger("marketplace.payments")


class ReadOnlyMixin:
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TransactionEventInline(ReadOnlyMixin, ProvinceScopedInlineMixin, TabularInline):
    model = TransactionEvent
    fields = ["created_at", "type", "amount_rupiah", "psp_reference", "message", "created_by"]
    readonly_fields = fields
    amount_rupiah = rupiah_field(TransactionEvent, "amount")
    extra = 0


class PaymentProofInline(ReadOnlyMixin, ProvinceScopedInlineMixin, TabularInline):
    model = PaymentProof
    fields = [
        "created_at",
        "kind",
        "size",
        "sender_name",
        "status",
        "rejection_reason",
        "reviewed_by",
    ]
    readonly_fields = fields
    extra = 0


TRANSACTION_MONEY_FIELDS = [
    "amount",
    "authorized_value",
    "charged_value",
    "refunded_value",
    "canceled_value",
]


@admin.register(TransactionItem)
class TransactionItemAdmin(ReadOnlyMixin, ProvinceScopedAdminMixin, ModelAdmin):
    province_path = "order__province"
    list_display = [
        "order",
        "gateway",
        "status",
        "amount_rupiah",
        "charged_value_rupiah",
        "refunded_value_rupiah",
        "flagged_for_review",
        "created_at",
    ]
    list_filter = ["gateway", "status", "flagged_for_review"]
    search_fields = ["psp_reference", "order__number", "order__email"]
    list_select_related = ["order"]
    readonly_fields = [
        f"{f.name}_rupiah" if f.name in TRANSACTION_MONEY_FIELDS else f.name
        for f in TransactionItem._meta.fields
        if f.name != "client_secret"
    ]
    exclude = ["client_secret", *TRANSACTION_MONEY_FIELDS]
    amount_rupiah = rupiah_field(TransactionItem, "amount")
    authorized_value_rupiah = rupiah_field(TransactionItem, "authorized_value")
    charged_value_rupiah = rupiah_field(TransactionItem, "charged_value")
    refunded_value_rupiah = rupiah_field(TransactionItem, "refunded_value")
    canceled_value_rupiah = rupiah_field(TransactionItem, "canceled_value")
    inlines = [PaymentProofInline, TransactionEventInline]
    change_form_template = "admin/payments/transactionitem/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:transaction_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="payments_transactionitem_review",
            ),
            path(
                "<int:transaction_id>/refund/",
                self.admin_site.admin_view(self.refund_view),
                name="payments_transactionitem_refund",
            ),
            path(
                "<int:transaction_id>/proof/<int:proof_id>/",
                self.admin_site.admin_view(self.proof_file_view),
                name="payments_transactionitem_proof",
            ),
            *super().get_urls(),
        ]

    def _scoped_transaction(self, request, transaction_id) -> TransactionItem:
        transaction = self.get_queryset(request).filter(pk=transaction_id).first()
        if transaction is None:
            raise Http404
        return transaction

    def review_view(self, request, transaction_id):
        """Confirm the transfer (amount must match) or reject a receipt with a reason."""
        transaction = self._scoped_transaction(request, transaction_id)
        confirm_form = ConfirmTransferForm(prefix="confirm")
        reject_form = RejectProofForm(prefix="reject")
        if request.method == "POST":
            if not can_edit(request.user):
                raise Http404
            if "confirm" in request.POST:
                confirm_form = ConfirmTransferForm(request.POST, prefix="confirm")
                if confirm_form.is_valid():
                    return self._confirm(request, transaction, confirm_form)
            elif "reject" in request.POST:
                reject_form = RejectProofForm(request.POST, prefix="reject")
                if reject_form.is_valid():
                    return self._reject(request, transaction, reject_form)
        proofs = list(transaction.proofs.all())
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review payment of order %(order)s") % {"order": transaction.order},
            "transaction": transaction,
            "order": transaction.order,
            "proofs": [(proof, self._reject_form_for(proof, reject_form)) for proof in proofs],
            "confirm_form": confirm_form,
            "can_review": can_edit(request.user)
            and transaction.gateway == TransactionGateway.BANK_TRANSFER,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/payments/review.html", context)

    @staticmethod
    def _reject_form_for(proof: PaymentProof, posted: RejectProofForm) -> RejectProofForm:
        """One rejection form per receipt; the posted one keeps its text and errors."""
        if posted.is_bound and str(proof.pk) == posted.data.get("reject-proof_id"):
            return posted
        return RejectProofForm(
            prefix="reject", initial={"proof_id": proof.pk}, auto_id=f"id_reject_{proof.pk}_%s"
        )

    def _confirm(self, request, transaction, form):
        try:
            confirm_bank_transfer(
                transaction.pk,
                actor=request.user,
                amount_received=form.cleaned_data["amount_received"],
                reference=form.cleaned_data["reference"],
            )
        except PaymentError as err:
            messages.error(request, err.message)
            return redirect("admin:payments_transactionitem_review", transaction.pk)
        messages.success(
            request, _("Payment confirmed; the groups were told to prepare the order.")
        )
        return redirect("admin:payments_transactionitem_change", transaction.pk)

    def _reject(self, request, transaction, form):
        proof = transaction.proofs.filter(pk=form.cleaned_data["proof_id"]).first()
        if proof is None:
            raise Http404
        try:
            reject_proof(proof.pk, actor=request.user, reason=form.cleaned_data["reason"])
        except PaymentError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("Receipt rejected; the customer was told why."))
        return redirect("admin:payments_transactionitem_review", transaction.pk)

    def refund_view(self, request, transaction_id):
        """Give money back from a paid transaction (e.g. money for a canceled order)."""
        transaction = self._scoped_transaction(request, transaction_id)
        if not can_edit(request.user) or transaction.status != TransactionStatus.CHARGED:
            raise Http404
        left = refundable(transaction.order_id)
        form = StaffRefundForm(request.POST or None, refundable=left)
        if request.method == "POST" and form.is_valid():
            try:
                with db_transaction.atomic():
                    refunds = request_refund(
                        transaction.order_id,
                        amount=form.cleaned_data["amount"],
                        reason=form.cleaned_data["reason"],
                    )
                    total = sum(refund.amount for refund in refunds)
                    audit.record(
                        request.user,
                        transaction,
                        "payment.refund_requested",
                        {"amount": [None, total]},
                        province_code=transaction.order.province_id,
                    )
            except PaymentError as err:
                messages.error(request, err.message)
            else:
                messages.success(request, _refund_requested_text(refunds))
                return redirect("admin:payments_transactionitem_change", transaction.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Refund from order %(order)s") % {"order": transaction.order},
            "transaction": transaction,
            "refundable": left,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/payments/refund_transaction.html", context)

    def proof_file_view(self, request, transaction_id, proof_id):
        """Stream a receipt to staff who may see its province; never a public URL."""
        transaction = self._scoped_transaction(request, transaction_id)
        proof = transaction.proofs.filter(pk=proof_id).first()
        if proof is None:
            raise Http404
        content_type = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}[
            proof.kind
        ]
        filename = f"bukti-{transaction.order.number}-{proof.pk}.{proof.kind}"
        signed = proof_storage.signed_url(
            proof.file.name, filename=filename, content_type=content_type
        )
        if signed:  # private bucket: a presigned URL that expires in minutes
            response = HttpResponseRedirect(signed)
            response["Cache-Control"] = "private, no-store"
            response["Referrer-Policy"] = "no-referrer"
            return response
        response = FileResponse(proof.file.open("rb"), content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
        return response


def _refund_requested_text(refunds: list[Refund]) -> str:
    total = sum(refund.amount for refund in refunds)
    code = sum(refund.unique_code for refund in refunds)
    if code:
        return _("Refund of %(amount)s requested, including the unique code %(code)s.") % {
            "amount": format_rupiah(total),
            "code": format_rupiah(code),
        }
    return _("Refund of %(amount)s requested.") % {"amount": format_rupiah(total)}


@admin.register(Refund)
class RefundAdmin(ReadOnlyMixin, ProvinceScopedAdminMixin, ModelAdmin):
    province_path = "order__province"
    list_display = ["order", "amount_rupiah", "status", "reason", "created_at", "completed_at"]
    list_filter = ["status"]
    search_fields = ["order__number", "psp_reference"]
    list_select_related = ["order"]
    readonly_fields = [
        "amount_rupiah" if f.name == "amount" else f.name for f in Refund._meta.fields
    ]
    exclude = ["amount"]
    amount_rupiah = rupiah_field(Refund, "amount")
    change_form_template = "admin/payments/refund/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:refund_id>/complete/",
                self.admin_site.admin_view(self.complete_view),
                name="payments_refund_complete",
            ),
            *super().get_urls(),
        ]

    def complete_view(self, request, refund_id):
        """Staff transferred a bank-transfer refund back: record it with the bank reference."""
        refund = self.get_queryset(request).filter(pk=refund_id, status=RefundStatus.MANUAL).first()
        if refund is None or not can_edit(request.user):
            raise Http404
        form = ManualRefundForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                complete_manual_refund(
                    refund.pk, actor=request.user, reference=form.cleaned_data["reference"]
                )
            except PaymentError as err:
                messages.error(request, err.message)
            else:
                messages.success(request, _("Refund recorded."))
                return redirect(reverse("admin:payments_refund_change", args=[refund.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Record the transfer back for refund %(id)s") % {"id": refund.pk},
            "refund": refund,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/payments/complete_refund.html", context)


@admin.register(ProviderEvent)
class ProviderEventAdmin(ReadOnlyMixin, ProvinceScopedAdminMixin, ModelAdmin):
    province_path = "transaction__order__province"
    list_display = ["received_at", "event_id", "type", "outcome", "message"]
    list_filter = ["outcome", "type"]
    search_fields = ["event_id", "message"]
    readonly_fields = [f.name for f in ProviderEvent._meta.fields]
