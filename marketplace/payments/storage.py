"""Where payment proofs live: a private folder (``PAYMENT_PROOF_ROOT``), never under MEDIA_URL.

Staff open a proof only through the scoped admin view, which streams the file.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class ProofStorage(FileSystemStorage):
    """File storage whose folder follows the ``PAYMENT_PROOF_ROOT`` setting at use time."""

    @property
    def base_location(self) -> str:
        return str(settings.PAYMENT_PROOF_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:
        return None

    def url(self, name):
        raise ValueError("Payment proofs have no public URL; open them through the admin.")


proof_storage = ProofStorage()
