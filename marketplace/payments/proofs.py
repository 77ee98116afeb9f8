"""Checking a transfer proof by its content and size, never by its name or declared type."""

import re
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .errors import PaymentError, PaymentErrorCode
from .models import ProofKind

IMAGE_KINDS = {"JPEG": ProofKind.JPEG, "PNG": ProofKind.PNG}
# Active content has no place in a bank receipt.
PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA|RichMedia)\b")


@dataclass(frozen=True)
class CheckedProof:
    kind: str
    extension: str


def too_large_error(size: int) -> PaymentError:
    limit = settings.PAYMENT_PROOF_MAX_BYTES
    return PaymentError(
        PaymentErrorCode.PROOF_TOO_LARGE,
        _("The file is too large (%(size)s MB); upload at most %(max)s MB.")
        % {"size": round(size / 1_048_576, 1), "max": round(limit / 1_048_576, 1)},
        field="proof",
    )


def check_proof(data: bytes) -> CheckedProof:
    """The proof's real type (JPEG, PNG or PDF) or a PaymentError saying why it is refused."""
    if len(data) > settings.PAYMENT_PROOF_MAX_BYTES:
        raise too_large_error(len(data))
    if not data:
        raise _invalid(_("The file is empty."))
    if data.startswith(b"%PDF-"):
        return _check_pdf(data)
    return _check_image(data)


def _invalid(message: str) -> PaymentError:
    return PaymentError(PaymentErrorCode.INVALID_PROOF, message, field="proof")


def _check_pdf(data: bytes) -> CheckedProof:
    if b"%%EOF" not in data[-2048:]:
        raise _invalid(_("The PDF file is incomplete or damaged."))
    if PDF_ACTIVE_CONTENT.search(data):
        raise _invalid(_("The PDF file contains scripts or attachments; upload a plain PDF."))
    return CheckedProof(kind=ProofKind.PDF, extension="pdf")


def _check_image(data: bytes) -> CheckedProof:
    refused = _invalid(_("Upload a photo or scan of the transfer receipt as JPEG, PNG or PDF."))
    try:
        with Image.open(BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise _invalid(_("The image has too many pixels."))
            image.verify()
    except PaymentError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refused from None
    if image_format not in IMAGE_KINDS:
        raise refused
    kind = IMAGE_KINDS[image_format]
    return CheckedProof(kind=kind, extension="jpg" if kind == ProofKind.JPEG else "png")
