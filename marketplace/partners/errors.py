from enum import StrEnum

from marketplace.core.errors import DomainError


class PartnerErrorCode(StrEnum):
    INVALID = "invalid"
    NAME_TAKEN = "name_taken"
    ALREADY_PARTNER_USER = "already_partner_user"
    NOT_ALLOWED = "not_allowed"
    NOT_PENDING = "not_pending"
    NOT_APPROVED = "not_approved"
    OTHER_GROUP_VARIANT = "other_group_variant"
    TIERS_NOT_FALLING = "tiers_not_falling"
    UNDER_MOQ = "under_moq"
    OVER_CAPACITY = "over_capacity"
    NO_OFFER = "no_offer"
    OVERDUE = "overdue"
    OVER_CREDIT_LIMIT = "over_credit_limit"
    OTHER_GROUP_QUOTE = "other_group_quote"
    NOT_OFFERED = "not_offered"


class PartnerError(DomainError):
    pass
