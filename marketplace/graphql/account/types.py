"""The signed-in user, in Saleor's ``User`` shape."""

import graphene
from graphql import get_named_type

from marketplace.groups.models import GroupMember

from ..core.dataloaders import DataLoader, group_by, then
from ..core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from ..core.ids import to_global_id
from ..core.pagination import paginate
from ..core.permissions import current_user
from ..core.types import Image, MetadataItem
from ..group.types import Address, UppksGroup
from ..product.dataloaders import UppksGroupByIdLoader
from .addresses import AccountAddressByIdLoader, AddressesByUserIdLoader, address_data


class GroupIdsByUserIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = group_by(
            GroupMember.objects.filter(user_id__in=keys, is_active=True).order_by("group_id"),
            lambda member: member.user_id,
        )
        return [[member.group_id for member in rows.get(key, [])] for key in keys]


class PermissionEnum(graphene.Enum):
    """Saleor's staff permissions. Pasar UPPKS staff rights are BKKBN roles, not these, so
    ``userPermissions`` is empty; the enum is here so Saleor's clients' documents validate."""

    MANAGE_USERS = "MANAGE_USERS"
    MANAGE_STAFF = "MANAGE_STAFF"
    MANAGE_ORDERS = "MANAGE_ORDERS"
    MANAGE_PRODUCTS = "MANAGE_PRODUCTS"
    MANAGE_CHECKOUTS = "MANAGE_CHECKOUTS"


class UserPermission(graphene.ObjectType):
    code = PermissionEnum(required=True, description="Internal code for permission.")
    name = graphene.String(required=True, description="Describe action(s) allowed to do.")

    class Meta:
        description = "A Saleor staff permission (none are granted through this API)."


class User(graphene.ObjectType):
    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    is_staff = graphene.Boolean(required=True)
    is_active = graphene.Boolean(required=True)
    is_confirmed = graphene.Boolean(required=True)
    addresses = graphene.NonNull(graphene.List(graphene.NonNull(Address)))
    note = graphene.String()
    language_code = LanguageCodeEnum(required=True)
    default_shipping_address = graphene.Field(Address)
    default_billing_address = graphene.Field(Address)
    avatar = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )
    external_reference = graphene.String()
    last_login = graphene.DateTime()
    date_joined = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    private_metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    uppks_groups = graphene.NonNull(
        graphene.List(graphene.NonNull(UppksGroup)),
        description="The UPPKS groups this user works for as a member.",
    )
    orders = graphene.Field(
        "marketplace.graphql.order.types.OrderCountableConnection",
        first=graphene.Int(),
        last=graphene.Int(),
        after=graphene.String(),
        before=graphene.String(),
        description="The user's orders, newest first.",
    )
    checkout_ids = graphene.List(
        graphene.NonNull(graphene.ID),
        channel=graphene.String(),
        description="The user's open checkouts.",
    )
    user_permissions = graphene.List(
        graphene.NonNull(UserPermission),
        description="Saleor's staff permissions: always empty here (BKKBN roles instead).",
    )
    staff_province_code = graphene.String(
        description="The province a province-scoped staff user works in; null for national."
    )

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A user: customer, group member or BKKBN staff."

    @staticmethod
    def resolve_is_confirmed(root, info):
        return root.is_active

    @staticmethod
    def resolve_addresses(root, info):
        if not _is_viewer(info, root):
            return []
        return then(
            AddressesByUserIdLoader(info.context).load(root.pk),
            lambda rows: [address_data(address, root) for address in rows],
        )

    @staticmethod
    def resolve_note(root, info):
        return None

    @staticmethod
    def resolve_language_code(root, info):
        return root.language_code.upper()

    @staticmethod
    def resolve_default_shipping_address(root, info):
        return _default_address(info, root, root.default_shipping_address_id)

    @staticmethod
    def resolve_default_billing_address(root, info):
        return _default_address(info, root, root.default_billing_address_id)

    @staticmethod
    def resolve_user_permissions(root, info):
        return []

    @staticmethod
    def resolve_avatar(root, info, size=None, format=None):
        return None

    @staticmethod
    def resolve_updated_at(root, info):
        return root.last_login or root.date_joined

    @staticmethod
    def resolve_metadata(root, info):
        return []

    @staticmethod
    def resolve_private_metadata(root, info):
        return []

    @staticmethod
    def resolve_uppks_groups(root, info):
        loader = UppksGroupByIdLoader(info.context)
        return then(GroupIdsByUserIdLoader(info.context).load(root.pk), loader.load_many)

    @staticmethod
    def resolve_orders(root, info, **page):
        viewer = current_user(info)
        queryset = root.orders.all() if viewer and viewer.pk == root.pk else root.orders.none()
        queryset = queryset.select_related("regency", "province", "district")
        connection_type = get_named_type(info.return_type).graphene_type
        return paginate(queryset.order_by("-created_at", "-pk"), connection_type, **page)

    @staticmethod
    def resolve_checkout_ids(root, info, channel=None):
        viewer = current_user(info)
        if viewer is None or viewer.pk != root.pk:
            return []
        tokens = root.checkouts.order_by("-updated_at").values_list("token", flat=True)
        return [to_global_id("Checkout", str(token)) for token in tokens[:20]]

    @staticmethod
    def resolve_staff_province_code(root, info):
        return root.scoped_province_code if root.is_staff else None


def _is_viewer(info, user) -> bool:
    viewer = current_user(info)
    return viewer is not None and viewer.pk == user.pk


def _default_address(info, user, address_id):
    if address_id is None or not _is_viewer(info, user):
        return None
    return then(
        AccountAddressByIdLoader(info.context).load(address_id),
        lambda address: address_data(address, user),
    )
