"""productSubmit (group member), productApprove and productReject (BKKBN curators)."""

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product as ProductModel
from marketplace.curation.services import approve_product, reject_product, submit_product

from ...core.mutations import MarketplaceMutation, MutationError
from ...core.permissions import member_group_ids, require_curator, require_login
from ...core.types import ProductError
from ..types import ProductNode

CURATION_CODES = {
    "permit_required": "REQUIRED",
    "halal_required": "REQUIRED",
    "reason_required": "REQUIRED",
    "invalid_field": "INVALID",
    "invalid_value": "INVALID",
    "invalid_status": "INVALID",
    "nothing_to_review": "INVALID",
    "not_allowed": "NOT_FOUND",
}


class CurationMutation(MarketplaceMutation):
    product = graphene.Field(ProductNode)

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):
        options.setdefault("error_type", ProductError)
        options.setdefault("legacy_errors_field", "product_errors")
        super().__init_subclass_with_meta__(**options)

    @classmethod
    def error(cls, code, message, field=None, **extra):
        code = CURATION_CODES.get(code.lower(), code)
        return super().error(code, message, field, **extra)

    @classmethod
    def not_found(cls):
        return MutationError("NOT_FOUND", _("Couldn't resolve to a node: product."), field="id")


class ProductSubmit(CurationMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the group's draft or rejected product.")

    class Meta:
        description = "Send the group's product to BKKBN staff for review."

    @classmethod
    def handle(cls, info, *, id):
        user = require_login(info)
        pk = cls.pk(id, "Product")
        if not ProductModel.objects.filter(pk=pk, group_id__in=member_group_ids(info)).exists():
            raise cls.not_found()
        return cls(product=submit_product(pk, actor=user))


def _in_scope(user, pk: int) -> bool:
    queryset = ProductModel.objects.filter(pk=pk)
    scope = user.scoped_province_code
    if scope is not None:
        queryset = queryset.filter(group__regency__province_id=scope)
    return queryset.exists()


class ProductApprove(CurationMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of a submitted product.")

    class Meta:
        description = "Publish a submitted product (or its pending edit)."

    @classmethod
    def handle(cls, info, *, id):
        user = require_curator(info)
        pk = cls.pk(id, "Product")
        if not _in_scope(user, pk):
            raise cls.not_found()
        return cls(product=approve_product(pk, actor=user))


class ProductReject(CurationMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of a submitted product.")
        reason = graphene.String(required=True, description="What the group should change.")

    class Meta:
        description = "Refuse a submission with a reason the group reads."

    @classmethod
    def handle(cls, info, *, id, reason):
        user = require_curator(info)
        pk = cls.pk(id, "Product")
        if not _in_scope(user, pk):
            raise cls.not_found()
        return cls(product=reject_product(pk, actor=user, reason=reason))
