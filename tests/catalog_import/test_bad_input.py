"""Files that must be refused as a whole: a clear error, nothing written."""

import os
from io import BytesIO

import pytest
from PIL import Image

from marketplace.catalog.models import Product, ProductMedia
from marketplace.groups.models import UppksGroup
from tests.factories.catalog_import import (
    GROUP_HEADER,
    PRODUCT_HEADER,
    group_row,
    image_bytes,
    product_row,
    write_csv,
    write_zip,
)


def _nothing_written():
    return not (UppksGroup.objects.exists() or Product.objects.exists())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.csv", image_bytes(fmt="PNG")),
        ("katalog.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary"),
        ("katalog.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("katalog.xlsx", b"PK\x03\x04 this is not a zip at all"),
        ("katalog.bin", b"group_code,name\x00\x01\x02"),
    ],
)
def test_not_a_spreadsheet(db, tmp_path, run_import, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    report = run_import(path, "groups")
    assert report["error"]["code"] == "not_a_spreadsheet"
    assert "CSV" in report["error"]["message"]
    assert report["rows"] == []
    assert report["exit_code"] == 1
    assert _nothing_written()


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n  \n"])
def test_empty_file(db, tmp_path, run_import, content):
    path = tmp_path / "kosong.csv"
    path.write_bytes(content)
    report = run_import(path, "groups")
    assert report["error"]["code"] == "empty_file"
    assert _nothing_written()


def test_header_only(db, tmp_path, run_import):
    path = tmp_path / "kelompok.csv"
    path.write_text(",".join(GROUP_HEADER) + "\r\n", encoding="utf-8")
    report = run_import(path, "groups")
    assert report["error"]["code"] == "no_data_rows"
    assert _nothing_written()


def test_missing_required_column_is_named(db, tmp_path, run_import):
    header = [h for h in GROUP_HEADER if h not in ("phone", "regency")]
    path = write_csv(tmp_path / "kelompok.csv", [group_row()], header=header)
    report = run_import(path, "groups")
    assert report["error"]["code"] == "missing_column"
    assert "regency (kabupaten_kota)" in report["error"]["message"]
    assert "phone (telepon)" in report["error"]["message"]
    assert _nothing_written()


def test_a_100_mb_file_is_refused_before_reading(db, tmp_path, run_import):
    path = write_csv(tmp_path / "besar.csv", [group_row()], header=GROUP_HEADER)
    os.truncate(path, 100 * 1024 * 1024)
    report = run_import(path, "groups")
    assert report["error"]["code"] == "file_too_large"
    assert "100.0 MB" in report["error"]["message"]
    assert _nothing_written()


def test_zip_bomb_in_images_zip(tmp_path, klungkung_group, run_import):
    bomb = write_zip(tmp_path / "gambar.zip", {"a.jpg": b"\x00" * (20 * 1024 * 1024)})
    assert bomb.stat().st_size < 200_000
    path = write_csv(tmp_path / "p.csv", [product_row(images="a.jpg")], header=PRODUCT_HEADER)
    report = run_import(path, images=str(bomb))
    assert report["error"]["code"] == "archive_too_large"
    assert not Product.objects.exists()


def test_path_traversal_in_images_zip(tmp_path, klungkung_group, run_import):
    archive = write_zip(tmp_path / "gambar.zip", {"../../etc/evil.jpg": image_bytes()})
    path = write_csv(tmp_path / "p.csv", [product_row(images="evil.jpg")], header=PRODUCT_HEADER)
    report = run_import(path, images=str(archive))
    assert report["error"]["code"] == "unsafe_archive"
    assert "../../etc/evil.jpg" in report["error"]["message"]
    assert not Product.objects.exists()
    assert not (tmp_path.parent / "etc").exists()


def test_an_image_of_20000_by_20000_pixels_is_an_error(tmp_path, klungkung_group, run_import):
    out = BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    folder = tmp_path / "gambar"
    folder.mkdir()
    (folder / "raksasa.png").write_bytes(out.getvalue())
    path = write_csv(tmp_path / "p.csv", [product_row(images="raksasa.png")], header=PRODUCT_HEADER)
    report = run_import(path, images=str(folder))
    row = report["rows"][0]
    assert row["action"] == "rejected"
    assert [(e["column"], e["code"]) for e in row["errors"]] == [("images", "invalid_image")]
    assert row["errors"][0]["message"].startswith("raksasa.png: ")
    assert not Product.objects.exists()
    assert not ProductMedia.objects.exists()


def test_images_folder_that_does_not_exist(tmp_path, klungkung_group, run_import):
    path = write_csv(tmp_path / "p.csv", [product_row()], header=PRODUCT_HEADER)
    report = run_import(path, images=str(tmp_path / "tidak-ada"))
    assert report["error"]["code"] == "images_not_found"
    assert not Product.objects.exists()
