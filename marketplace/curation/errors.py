from enum import StrEnum

from marketplace.core.errors import DomainError


class CurationErrorCode(StrEnum):
    NOT_ALLOWED = "not_allowed"
    INVALID_STATUS = "invalid_status"
    NOTHING_TO_REVIEW = "nothing_to_review"
    PERMIT_REQUIRED = "permit_required"
    HALAL_REQUIRED = "halal_required"
    REASON_REQUIRED = "reason_required"
    INVALID_FIELD = "invalid_field"
    INVALID_VALUE = "invalid_value"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_EXPIRED = "invitation_expired"
    CONTACT_REQUIRED = "contact_required"
    ALREADY_MEMBER = "already_member"


class CurationError(DomainError):
    """A curation or onboarding rule refused the operation."""
