"""A PO routed per group, like a consumer order: each group's part, its states and its notices.

``orders`` routes a consumer order's lines to groups and makes one ``Fulfillment`` per group;
a PO's lines carry their group already (a wholesale offer is one group's), so routing a PO is
making one ``PurchaseOrderGroup`` per group and telling each group in the PO's transaction
(outbox ``purchase_order_routed``). The group accepts (``purchase_order_accepted`` to the
partner), ships in parts (``purchase_order_shipped``, one per surat jalan) and has delivered when
every line is shipped in full. See docs/ARCHITECTURE.md for the mapping to ``Fulfillment``.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import record
from marketplace.groups.models import UppksGroup
from marketplace.notifications.models import Channel
from marketplace.notifications.outbox import (
    Notice,
    Recipient,
    enqueue,
    enqueue_many,
    recipients_for_groups,
)

from .errors import PartnerError, PartnerErrorCode
from .models import GroupOrderStatus, PartnerRole, PurchaseOrder, PurchaseOrderGroup


def _site_url() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")


def route_purchase_order(order: PurchaseOrder, *, group_ids) -> list[PurchaseOrderGroup]:
    """One part per group of the PO and a ``purchase_order_routed`` notice to each group."""
    ids = list(dict.fromkeys(group_ids))
    parts = PurchaseOrderGroup.objects.bulk_create(
        [PurchaseOrderGroup(purchase_order=order, group_id=group_id) for group_id in ids]
    )
    groups = UppksGroup.objects.filter(pk__in=ids)
    recipients = recipients_for_groups(groups)
    names = dict(groups.values_list("pk", "name"))
    lines = {}
    for line in order.lines.select_related("variant__product"):
        lines.setdefault(line.group_id, []).append(
            {
                "quantity": line.quantity,
                "name": str(line.variant),
                "sku": line.variant.sku,
                "unit_price": line.unit_price,
                "total": line.total,
            }
        )
    enqueue_many(
        [
            Notice(
                "purchase_order_routed",
                part,
                recipients[part.group_id],
                {
                    "number": order.number,
                    "partner": order.account.partner.name,
                    "group_name": names[part.group_id],
                    "lines": lines.get(part.group_id, []),
                    "terms": order.get_terms_display(),
                    "site_url": _site_url(),
                },
            )
            for part in parts
        ]
    )
    return parts


def buyer_recipients(order: PurchaseOrder) -> list[Recipient]:
    users = order.account.users.filter(role__in=[PartnerRole.ADMIN, PartnerRole.BUYER])
    return [
        Recipient(Channel.EMAIL, member.user.email)
        for member in users.select_related("user")
        if member.user.email
    ]


def part_for(group_id: int, order_id: int, *, lock: bool = False) -> PurchaseOrderGroup:
    parts = PurchaseOrderGroup.objects.select_related("purchase_order__account__partner", "group")
    if lock:
        parts = parts.select_for_update(of=("self",))
    part = parts.filter(purchase_order_id=order_id, group_id=group_id).first()
    if part is None:
        raise PartnerError(
            PartnerErrorCode.NOT_ALLOWED, _("This purchase order has no lines for your group.")
        )
    return part


def accept_purchase_order(user, *, group_id: int, order_id: int) -> PurchaseOrderGroup:
    """The group accepts its lines of the PO; the partner's buyers are told. Idempotent."""
    with transaction.atomic():
        part = part_for(group_id, order_id, lock=True)
        if part.status != GroupOrderStatus.NEW:
            return part
        part.status = GroupOrderStatus.ACCEPTED
        part.accepted_by = user
        part.accepted_at = timezone.now()
        part.save(update_fields=["status", "accepted_by", "accepted_at"])
        order = part.purchase_order
        enqueue(
            "purchase_order_accepted",
            about=part,
            recipients=buyer_recipients(order),
            context={
                "number": order.number,
                "partner": order.account.partner.name,
                "group_name": part.group.name,
            },
        )
        record(
            user,
            order,
            "purchase_order_accepted",
            {"group": [None, part.group.name]},
            province_code=part.group.regency.province_id,
        )
    return part


def note_shipment(part: PurchaseOrderGroup, shipment, *, delivered_all: bool) -> None:
    """After a shipment: the part's state moves on and the partner's buyers get the surat jalan."""
    part.status = GroupOrderStatus.DELIVERED if delivered_all else GroupOrderStatus.SHIPPED
    fields = ["status"]
    if delivered_all:
        part.delivered_at = timezone.now()
        fields.append("delivered_at")
    part.save(update_fields=fields)
    order = part.purchase_order
    enqueue(
        "purchase_order_shipped",
        about=shipment,
        recipients=buyer_recipients(order),
        context={
            "number": order.number,
            "delivery_note": shipment.number,
            "group_name": part.group.name,
            "complete": delivered_all,
        },
    )
