"""Where payment proofs live: never under MEDIA_URL, never publicly readable.

``proof_storage`` follows the settings at use time:

- with a ``proofs`` entry in ``STORAGES`` (``MEDIA_STORAGE=s3``): a private bucket; staff get a
  presigned URL that expires after ``PROOF_URL_EXPIRE_SECONDS`` (``signed_url``);
- otherwise a private folder (``PAYMENT_PROOF_ROOT``) that the admin view streams from.

Either way staff reach a proof only through the scoped admin view, which checks their province
first.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible


class LocalProofStorage(FileSystemStorage):
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


_local = LocalProofStorage()


@deconstructible(path="marketplace.payments.storage.ProofStorage")
class ProofStorage(Storage):
    """The proofs' storage as configured now (local folder or private bucket)."""

    @staticmethod
    def backend() -> Storage:
        return storages["proofs"] if "proofs" in settings.STORAGES else _local

    def signed_url(self, name: str, *, filename: str, content_type: str) -> str | None:
        """A short-lived URL of a proof in the private bucket; None for the local folder."""
        backend = self.backend()
        if backend is _local:
            return None
        return backend.url(
            name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": f'inline; filename="{filename}"',
                "ResponseCacheControl": "private, no-store",
            },
            expire=settings.PROOF_URL_EXPIRE_SECONDS,
        )

    # Everything a FileField and the admin use, handed to the configured backend.
    def open(self, name, mode="rb"):
        return self.backend().open(name, mode)

    def save(self, name, content, max_length=None):
        return self.backend().save(name, content, max_length=max_length)

    def generate_filename(self, filename):
        return self.backend().generate_filename(filename)

    def get_available_name(self, name, max_length=None):
        return self.backend().get_available_name(name, max_length=max_length)

    def get_valid_name(self, name):
        return self.backend().get_valid_name(name)

    def delete(self, name):
        return self.backend().delete(name)

    def exists(self, name):
        return self.backend().exists(name)

    def listdir(self, path):
        return self.backend().listdir(path)

    def size(self, name):
        return self.backend().size(name)

    def path(self, name):
        return self.backend().path(name)

    def url(self, name):
        return self.backend().url(name)

    def get_modified_time(self, name):
        return self.backend().get_modified_time(name)


proof_storage = ProofStorage()
