"""Images by file name from a folder or zip; URLs are fetched later by a Celery task."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from catalog_import.fetching import fetch_product_image
from marketplace.catalog.models import Product, ProductMedia
from tests.factories.catalog_import import (
    PRODUCT_HEADER,
    image_bytes,
    product_row,
    write_csv,
    write_zip,
)


@pytest.fixture
def image_server(tmp_path):
    """A real HTTP server on loopback serving ``tmp_path / "www"``."""
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_images_from_a_folder_are_attached_once(tmp_path, klungkung_group, run_import):
    folder = tmp_path / "gambar"
    folder.mkdir()
    (folder / "Tas-Depan.JPG").write_bytes(image_bytes(color="red"))
    (folder / "tas-samping.png").write_bytes(image_bytes(fmt="PNG", color="blue"))
    row = product_row(images="tas-depan.jpg | tas-samping.png")
    path = write_csv(tmp_path / "p.csv", [row], header=PRODUCT_HEADER)
    report = run_import(path, images=str(folder))
    assert report["counts"]["created"] == 1
    media = list(Product.objects.get().media.order_by("sort_order"))
    assert [m.image.name.rsplit("/", 1)[-1] for m in media] == [
        f"{media[0].product_id}-tas-depan.jpg",
        f"{media[0].product_id}-tas-samping.png",
    ]
    assert all(m.image.storage.exists(m.image.name) for m in media)

    again = run_import(path, images=str(folder))
    assert again["rows"][0]["action"] == "unchanged"
    assert ProductMedia.objects.count() == 2


def test_images_from_a_zip(tmp_path, klungkung_group, run_import):
    archive = write_zip(tmp_path / "gambar.zip", {"foto/tas.jpg": image_bytes()})
    path = write_csv(tmp_path / "p.csv", [product_row(images="tas.jpg")], header=PRODUCT_HEADER)
    report = run_import(path, images=str(archive))
    assert report["rows"][0]["warnings"] == []
    assert ProductMedia.objects.get().image.name.endswith("-tas.jpg")


def test_a_missing_image_is_a_warning(tmp_path, klungkung_group, run_import):
    path = write_csv(
        tmp_path / "p.csv", [product_row(images="tidak-ada.jpg")], header=PRODUCT_HEADER
    )
    report = run_import(path)
    row = report["rows"][0]
    assert row["action"] == "created"
    assert [(w["column"], w["code"]) for w in row["warnings"]] == [("images", "image_missing")]
    assert report["exit_code"] == 0
    assert not ProductMedia.objects.exists()


def test_a_file_that_is_not_an_image_is_an_error(tmp_path, klungkung_group, run_import):
    folder = tmp_path / "gambar"
    folder.mkdir()
    (folder / "tas.jpg").write_bytes(b"not really a jpeg")
    path = write_csv(tmp_path / "p.csv", [product_row(images="tas.jpg")], header=PRODUCT_HEADER)
    report = run_import(path, images=str(folder))
    assert [(e["column"], e["code"]) for e in report["rows"][0]["errors"]] == [
        ("images", "invalid_image")
    ]
    assert not Product.objects.exists()


def test_urls_are_fetched_after_the_import_by_a_task(
    tmp_path, klungkung_group, run_import, image_server, django_capture_on_commit_callbacks
):
    root, base_url = image_server
    (root / "tas.jpg").write_bytes(image_bytes(color="green"))
    path = write_csv(
        tmp_path / "p.csv", [product_row(images=f"{base_url}/tas.jpg")], header=PRODUCT_HEADER
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = run_import(path)
    assert report["rows"][0]["action"] == "created"
    media = ProductMedia.objects.get()
    assert (media.source_url, media.image.name) == (f"{base_url}/tas.jpg", "")
    assert len(callbacks) == 1

    fetch_product_image(media.pk)
    media.refresh_from_db()
    assert media.image.name.endswith("-tas.jpg")
    assert media.image.storage.open(media.image.name).read() == (root / "tas.jpg").read_bytes()

    fetch_product_image(media.pk)  # a second run changes nothing
    assert ProductMedia.objects.get().image.name == media.image.name


def test_a_url_that_is_not_an_image_leaves_the_media_waiting(
    tmp_path, klungkung_group, run_import, image_server
):
    root, base_url = image_server
    (root / "page.html").write_text("<html></html>")
    path = write_csv(
        tmp_path / "p.csv", [product_row(images=f"{base_url}/page.html")], header=PRODUCT_HEADER
    )
    run_import(path)
    media = ProductMedia.objects.get()
    fetch_product_image(media.pk)
    media.refresh_from_db()
    assert media.image.name == ""
