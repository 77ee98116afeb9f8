"""Where the images named in a products file come from: a folder or a .zip, read safely.

A zip is checked before anything is read from it: no absolute paths or ``..`` (path traversal),
and no more than IMPORT_MAX_UNZIPPED_BYTES unpacked (zip bombs). Each image is read with a bound,
whatever its header claims.
"""

import os
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ImportErrorCode, ImportFileError
from .readers import check_archive


class ImageSource:
    """Look up image files by the name written in the spreadsheet (case-insensitive)."""

    def __init__(self, path: str):
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        if self.path.is_dir():
            self._files = {}
            root = self.path.resolve()
            for dirpath, _dirs, files in os.walk(root, followlinks=False):
                for name in files:
                    full = Path(dirpath) / name
                    relative = full.relative_to(root).as_posix().lower()
                    self._files.setdefault(relative, full)
                    self._files.setdefault(name.lower(), full)
        elif self.path.is_file():
            self._open_zip()
        else:
            raise ImportFileError(
                ImportErrorCode.IMAGES_NOT_FOUND,
                _("The images folder or zip “%(path)s” does not exist.") % {"path": path},
            )

    def _open_zip(self) -> None:
        if self.path.stat().st_size > settings.IMPORT_MAX_IMAGES_ZIP_BYTES:
            raise ImportFileError(
                ImportErrorCode.FILE_TOO_LARGE,
                _("The images zip is too large (at most %(max)s MB).")
                % {"max": round(settings.IMPORT_MAX_IMAGES_ZIP_BYTES / 1_048_576)},
            )
        try:
            archive = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError):
            raise ImportFileError(
                ImportErrorCode.NOT_A_SPREADSHEET, _("The images file is not a valid .zip.")
            ) from None
        try:
            check_archive(archive, max_bytes=settings.IMPORT_MAX_UNZIPPED_BYTES, what=_("zip"))
        except ImportFileError:
            archive.close()
            raise
        self._zip = archive
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = info.filename.replace("\\", "/").lower()
            self._members.setdefault(name, info)
            self._members.setdefault(name.rsplit("/", 1)[-1], info)

    def read(self, name: str) -> bytes | None:
        """The file's bytes (at most the image limit + 1), or None when there is no such file."""
        limit = settings.MAX_IMAGE_UPLOAD_BYTES + 1
        key = name.strip().replace("\\", "/").lower()
        if self._zip is not None:
            info = self._members.get(key)
            if info is None:
                return None
            with self._zip.open(info) as handle:
                return handle.read(limit)
        full = self._files.get(key)
        if full is None:
            return None
        with open(full, "rb") as handle:
            return handle.read(limit)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
