"""Checking uploaded images by their content, size and pixel count, never by their name."""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_bytes(data: bytes, *, max_bytes: int | None = None) -> str:
    """Return the image format (``JPEG`` …) or raise ValidationError with a clear reason."""
    max_bytes = max_bytes or settings.MAX_IMAGE_UPLOAD_BYTES
    if len(data) > max_bytes:
        raise ValidationError(
            _("The image is too large (%(size)s MB; at most %(max)s MB).")
            % {"size": round(len(data) / 1_048_576, 1), "max": round(max_bytes / 1_048_576, 1)},
            code="image_too_large",
        )
    try:
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
            image_format = image.format
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels (%(w)s×%(h)s).") % {"w": width, "h": height},
                    code="image_too_many_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(_("The file is not a valid image."), code="invalid_image") from None
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Image format %(format)s is not accepted (use JPEG, PNG or WebP).")
            % {"format": image_format},
            code="invalid_image",
        )
    return image_format


def validate_image_file(uploaded) -> None:
    """Django field validator for ImageField uploads."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    data = uploaded.read(settings.MAX_IMAGE_UPLOAD_BYTES + 1)
    uploaded.seek(position)
    validate_image_bytes(data)
