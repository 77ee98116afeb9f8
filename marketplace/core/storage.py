"""Media on local disk (``make run``) or on S3-compatible object storage (several machines).

``s3_storages(...)`` builds the two S3 entries of ``STORAGES`` from plain values, so the settings
(from the environment) and the test suite (a local S3 server) configure storage the same way:

- ``default``: product photos and their thumbnails, in a bucket the public may read
  (``default_acl``, or a bucket policy when the provider has no ACLs); URLs are unsigned and may
  go through a CDN / custom domain.
- ``proofs``: payment proofs, in a private bucket; objects are written ``private`` and read only
  through presigned URLs that expire after ``proof_url_expire`` seconds.

``STORAGE_ERRORS`` are what a storage raises when it cannot be reached (disk or network): callers
turn them into a clear message and roll back what they were writing.
"""

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_client_config(*, connect_timeout: float = 5, read_timeout: float = 20) -> Config:
    """Short timeouts and few retries: an unreachable store fails a request in seconds."""
    return Config(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        retries={"max_attempts": 2, "mode": "standard"},
    )


def s3_storages(
    *,
    endpoint_url: str,
    access_key: str,
    secret_key: str,
    region: str,
    media_bucket: str,
    proof_bucket: str,
    media_custom_domain: str = "",
    media_acl: str = "public-read",
    proof_url_expire: int = 300,
    addressing_style: str = "path",
    connect_timeout: float = 5,
    read_timeout: float = 20,
) -> dict:
    """The ``default`` and ``proofs`` entries of ``STORAGES`` for one S3-compatible service."""
    common = {
        "endpoint_url": endpoint_url or None,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region or None,
        "addressing_style": addressing_style or None,
        "signature_version": "s3v4",
        "file_overwrite": False,
        "client_config": s3_client_config(
            connect_timeout=connect_timeout, read_timeout=read_timeout
        ),
    }
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": media_bucket,
                "custom_domain": media_custom_domain or None,
                "default_acl": media_acl or None,
                "querystring_auth": False,
                # Names carry a digest or a unique suffix: a stored file never changes.
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
        "proofs": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": proof_bucket,
                "custom_domain": None,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": proof_url_expire,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        },
    }
