"""The import pipeline: read → check every row → apply the valid rows through the domain services.

1. The rows are streamed from the file and checked in batches (cell rules, duplicates within the
   file, database look-ups once per batch). Checked rows go to a temporary file, not to memory.
2. If the file may be written (no invalid rows, or ``skip_invalid``; not a dry run), the valid rows
   are applied batch by batch, one transaction per batch, through ``catalog.services`` and
   ``groups.services``. Otherwise the same code runs inside one transaction that is rolled back,
   so the report still says what *would* be created, updated or left unchanged.
"""

import logging
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog import services as catalog_services
from marketplace.catalog.models import ProductVariant
from marketplace.core.errors import DomainError
from marketplace.groups import services as group_services
from marketplace.partners.wholesale import set_wholesale_offer

from .columns import COLUMNS, match_header
from .errors import ImportErrorCode, ImportFileError, Issue
from .fetching import fetch_product_image
from .images import ImageSource
from .models import ProductImportKey
from .readers import open_sheet
from .report import ImportReport
from .validation import Checked, GroupValidator, ProductValidator

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (phase, processed rows, total rows or 0)


@dataclass
class ImportOptions:
    dry_run: bool = False
    skip_invalid: bool = False
    sheet: str | None = None
    images: str | None = None
    actor: object = None
    progress: Progress | None = None
    file_name: str = ""
    province_code: str | None = None  # province staff import only within their province


class _Rollback(Exception):
    """Leaves the planning transaction without writing anything."""


def import_file(path: str, kind: str, options: ImportOptions | None = None) -> ImportReport:
    """Import a groups or products file; the report says what happened to every row."""
    options = options or ImportOptions()
    report = ImportReport(
        kind, file_name=options.file_name or Path(path).name, dry_run=options.dry_run
    )
    images = None
    try:
        sheet = open_sheet(path, sheet=options.sheet)
        header = match_header(sheet.header, COLUMNS[kind])
        report.file_warnings = [
            Issue(
                name,
                ImportErrorCode.UNKNOWN_COLUMN,
                _("The column “%(column)s” is not known and was ignored.") % {"column": name},
            ).as_dict()
            for name in header.unknown
        ]
        if kind == "products":
            images = ImageSource(options.images) if options.images else None
            validator = ProductValidator(header, images=images, province_code=options.province_code)
        else:
            validator = GroupValidator(header, province_code=options.province_code)
        with tempfile.TemporaryFile() as checked_file:
            total, invalid = _check_rows(sheet.rows, validator, checked_file, options)
            if total == 0:
                raise ImportFileError(
                    ImportErrorCode.NO_DATA_ROWS,
                    _("The file has a header row but no data rows."),
                )
            write = not options.dry_run and (options.skip_invalid or invalid == 0)
            applier = (
                ProductApplier(images, actor=options.actor, with_images=write)
                if kind == "products"
                else GroupApplier(actor=options.actor)
            )
            _apply_rows(checked_file, applier, report, options, total=total, write=write)
            if write and kind == "products":
                catalog_services.refresh_search_words()  # new names join search's typos
    except ImportFileError as exc:
        report.fail(exc)
    finally:
        if images is not None:
            images.close()
    return report


def _check_rows(rows, validator, out, options: ImportOptions) -> tuple[int, int]:
    """Phase 1: check every row; returns (rows, invalid rows). Nothing is written."""
    total = invalid = 0
    batch: list[Checked] = []
    size = settings.IMPORT_BATCH_SIZE
    for row in rows:
        batch.append(validator.check(row))
        if len(batch) >= size:
            invalid += _finish_batch(batch, validator, out)
            total += len(batch)
            batch = []
            if options.progress:
                options.progress("validating", total, 0)
    if batch:
        invalid += _finish_batch(batch, validator, out)
        total += len(batch)
    out.seek(0)
    return total, invalid


def _finish_batch(batch: list[Checked], validator, out) -> int:
    validator.check_batch(batch)
    pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
    return sum(1 for checked in batch if checked.errors)


def _batches(source) -> Iterator[list[Checked]]:
    while True:
        try:
            yield pickle.load(source)  # noqa: S301 - our own temporary file
        except EOFError:
            return


def _apply_rows(source, applier, report: ImportReport, options, *, total: int, write: bool):
    """Phase 2: apply valid rows, a transaction per batch; or plan them and roll back."""
    processed = 0

    def run_batch(batch: list[Checked]) -> None:
        nonlocal processed
        valid = [checked for checked in batch if not checked.errors]
        actions = applier.apply(valid) if valid else {}
        for checked in batch:
            action = "rejected" if checked.errors else actions.get(checked.row, "unchanged")
            report.add_row(
                row=checked.row,
                key=checked.key,
                action=action,
                errors=checked.errors,
                warnings=checked.warnings,
                normalized=checked.normalized,
            )
        processed += len(batch)
        if options.progress:
            options.progress("importing" if write else "validating", processed, total)

    if write:
        for batch in _batches(source):
            with transaction.atomic():
                run_batch(batch)
        report.committed = True
        return
    try:
        with transaction.atomic():
            for batch in _batches(source):
                run_batch(batch)
            raise _Rollback
    except _Rollback:
        pass


class GroupApplier:
    def __init__(self, *, actor=None):
        self.actor = actor

    def apply(self, rows: list[Checked]) -> dict[int, str]:
        actions = {}
        for checked in rows:
            norm = checked.normalized
            data = group_services.GroupData(
                code=checked.key,
                name=norm["name"],
                regency_code=norm["regency_code"],
                phone=norm["phone"],
                district_code=norm.get("district_code"),
                village=norm.get("village"),
                leader_name=norm.get("leader"),
                email=norm.get("email"),
                founded_year=norm.get("founded_year"),
                partners=norm.get("partners"),
            )
            try:
                with transaction.atomic():
                    _group, actions[checked.row] = group_services.save_group(data, actor=self.actor)
            except DomainError as exc:
                checked.errors.append(Issue(exc.field or "", str(exc.code), exc.message))
        return actions


class ProductApplier:
    def __init__(self, images: ImageSource | None, *, actor=None, with_images: bool = True):
        self.images = images
        self.actor = actor
        self.with_images = with_images

    def apply(self, rows: list[Checked]) -> dict[int, str]:
        products: dict[tuple[int, str], list[Checked]] = {}
        for checked in rows:
            key = checked.normalized["parent_sku"] or checked.key
            products.setdefault((checked.normalized["group_id"], key), []).append(checked)
        known = self._known_products(products)
        items = [self._item(key, members, known.get(key)) for key, members in products.items()]
        results = self._save(items, list(products.values()))
        ProductImportKey.objects.bulk_create(
            [
                ProductImportKey(group_id=key[0], key=key[1], product=result.product)
                for key, result in zip(products, results, strict=True)
                if result is not None and key not in known
            ],
            ignore_conflicts=True,
        )
        actions = {}
        for members, result in zip(products.values(), results, strict=True):
            if result is None:
                continue
            self._set_wholesale(result.product, members)
            added = self._attach_images(result.product, members) if self.with_images else False
            for checked in members:
                action = str(result.variant_actions.get(checked.key, "unchanged"))
                actions[checked.row] = "updated" if added and action == "unchanged" else action
        return actions

    def _set_wholesale(self, product, members: list[Checked]) -> None:
        """Issue 18: the rows' wholesale offers (validated in the check), through the service."""
        wanted = {c.key: c.normalized.get("wholesale") for c in members}
        if not any(wanted.values()):
            return
        ids = dict(product.variants.filter(sku__in=list(wanted)).values_list("sku", "pk"))
        for sku, offer in wanted.items():
            if offer and sku in ids:
                set_wholesale_offer(
                    group_id=product.group_id, variant_id=ids[sku], actor=self.actor, **offer
                )

    def _known_products(self, products: dict) -> dict:
        """Existing products by (group, key): remembered keys first, then the variants' SKUs."""
        known = {
            (k.group_id, k.key): k.product_id
            for k in ProductImportKey.objects.filter(
                group_id__in={g for g, _k in products}, key__in={k for _g, k in products}
            )
        }
        missing = {key: members for key, members in products.items() if key not in known}
        skus = {c.key: key for key, members in missing.items() for c in members}
        for sku, product_id in ProductVariant.objects.filter(sku__in=list(skus)).values_list(
            "sku", "product_id"
        ):
            known.setdefault(skus[sku], product_id)
        return known

    def _item(self, key, members: list[Checked], product_id) -> catalog_services.ProductData:
        first = members[0].normalized
        return catalog_services.ProductData(
            group_id=key[0],
            category_id=first["category_id"],
            name=first["name"],
            product_id=product_id,
            description=first["description"],
            permit_number=first["permit_number"],
            halal_number=first["halal_number"],
            variants=[
                catalog_services.VariantData(
                    sku=c.key,
                    price=c.normalized["price"],
                    weight_g=c.normalized["weight_g"],
                    options=c.normalized["options"],
                    stock=c.normalized["stock"],
                )
                for c in members
            ],
        )

    def _save(self, items, groups_of_rows) -> list:
        """The whole batch at once; if the services refuse it, product by product."""
        try:
            with transaction.atomic():
                return catalog_services.save_products(items, actor=self.actor)
        except DomainError:
            logger.info("batch refused, applying product by product")
        results = []
        for item, members in zip(items, groups_of_rows, strict=True):
            try:
                with transaction.atomic():
                    results.append(catalog_services.save_products([item], actor=self.actor)[0])
            except DomainError as exc:
                for checked in members:
                    checked.errors.append(Issue(exc.field or "", str(exc.code), exc.message))
                results.append(None)
        return results

    def _attach_images(self, product, members: list[Checked]) -> bool:
        added = False
        names = dict.fromkeys(name for c in members for name in c.normalized["images"])
        for name in names:
            if name.lower().startswith(("http://", "https://")):
                media, created = catalog_services.add_product_image_url(
                    product.pk, url=name, alt=product.name
                )
                if created:
                    transaction.on_commit(partial(fetch_product_image.delay, media.pk))
            else:
                data = self.images.read(name) if self.images else None
                if data is None:
                    continue
                try:
                    _media, created = catalog_services.add_product_image(
                        product.pk, filename=name, content=data, alt=product.name
                    )
                except DomainError as exc:
                    if exc.code != catalog_services.CatalogErrorCode.STORAGE_UNAVAILABLE:
                        raise
                    # The batch's transaction rolls back: no product of it without its photo.
                    raise ImportFileError(
                        ImportErrorCode.STORAGE_UNAVAILABLE,
                        _(
                            "The photos could not be stored right now: the import stopped "
                            "before row %(row)s and nothing from that row on was saved. "
                            "Import the same file again in a few minutes."
                        )
                        % {"row": members[0].row},
                    ) from None
            added = added or created
        return added
