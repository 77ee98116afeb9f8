import shutil
import uuid
from pathlib import Path

import pytest

from catalog_import.importer import ImportOptions, import_file
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import regency


@pytest.fixture
def run_import():
    """``run_import(path, kind, **options)`` → the report as a dict (the temp file is closed)."""

    def run(path, kind="products", **options):
        report = import_file(str(path), kind, ImportOptions(**options))
        try:
            result = report.as_dict()
            result["exit_code"] = report.exit_code
            return result
        finally:
            report.close()

    return run


@pytest.fixture
def klungkung_group(db):
    return UppksGroupFactory(code="UPPKS-KLK-01", name="UPPKS Mawar Sari", regency=regency("51.05"))


@pytest.fixture
def gianyar_group(db):
    return UppksGroupFactory(
        code="UPPKS-GIA-01", name="UPPKS Sekar Jagat", regency=regency("51.04")
    )


@pytest.fixture(autouse=True)
def _media_root(settings):
    """Each test stores its files in its own folder under TEST_MEDIA_ROOT, removed afterwards."""
    folder = Path(settings.MEDIA_ROOT) / f"import-{uuid.uuid4().hex[:12]}"
    settings.MEDIA_ROOT = str(folder)
    yield
    shutil.rmtree(folder, ignore_errors=True)
