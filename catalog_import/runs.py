"""Imports as recorded runs: upload → check (nothing written) → confirm → import.

Each run is an ``ImportRun`` row (who, when, which file, counts, the JSON report) kept for audit.
Progress of a running check or import is kept in the cache, outside the import's transactions,
so the admin page can show it while a Celery worker does the work.
"""

import tempfile
from pathlib import Path

from django.core.cache import cache
from django.core.files import File
from django.utils import timezone, translation

from marketplace.curation.scoping import ALL_PROVINCES, staff_scope

from .importer import ImportOptions, import_file
from .models import ImportRun, ImportStatus
from .report import ImportReport

PROGRESS_TTL = 6 * 3600


def progress_key(run_id: int) -> str:
    return f"catalog-import:progress:{run_id}"


def read_progress(run: ImportRun) -> dict:
    """``{"phase", "processed", "total"}`` of a running import, else its final figures."""
    progress = cache.get(progress_key(run.pk)) if run.is_running else None
    if progress:
        return progress
    return {"phase": run.status, "processed": run.processed_rows, "total": run.total_rows}


def _progress_writer(run_id: int):
    def write(phase: str, processed: int, total: int) -> None:
        cache.set(
            progress_key(run_id),
            {"phase": phase, "processed": processed, "total": total},
            PROGRESS_TTL,
        )

    return write


def province_scope(user) -> str | None:
    """None for national staff (and command-line runs), else the staff user's province code."""
    if user is None:
        return None
    scope = staff_scope(user)
    return None if scope is ALL_PROVINCES else (scope or "-")


def check_run(run_id: int) -> ImportRun:
    """Validate the uploaded file and plan the import; writes nothing to the catalog."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.VALIDATING
    )
    run = ImportRun.objects.get(pk=run_id)
    if not claimed:
        return run  # already checked, or another worker has it
    return _execute(run, dry_run=True, done_status=ImportStatus.VALIDATED)


def apply_run(run_id: int) -> ImportRun:
    """Import a checked file for real (all or nothing, or skipping invalid rows if asked)."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.VALIDATED).update(
        status=ImportStatus.IMPORTING
    )
    run = ImportRun.objects.get(pk=run_id)
    if not claimed:
        return run
    return _execute(run, dry_run=False, done_status=ImportStatus.DONE)


def _execute(run: ImportRun, *, dry_run: bool, done_status: str) -> ImportRun:
    images = run.images_file.path if run.images_file else None
    options = ImportOptions(
        dry_run=dry_run,
        skip_invalid=run.skip_invalid,
        images=images,
        actor=run.created_by,
        progress=_progress_writer(run.pk),
        file_name=run.original_name,
        province_code=province_scope(run.created_by),
    )
    with translation.override(run.language):
        try:
            report = import_file(run.file.path, run.kind, options)
        except Exception as exc:
            # a database or disk failure: the run must not stay "importing" for ever
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportStatus.FAILED,
                error_code="failed",
                error_message=str(exc)[:2000],
                finished_at=timezone.now(),
            )
            cache.delete(progress_key(run.pk))
            raise
        try:
            status = _status_after(report, dry_run=dry_run, done_status=done_status)
            finish_run(run, report, status=status)
        finally:
            report.close()
    cache.delete(progress_key(run.pk))
    return run


def _status_after(report: ImportReport, *, dry_run: bool, done_status: str) -> str:
    if report.error:
        return ImportStatus.REJECTED
    if not dry_run and not report.committed:
        return ImportStatus.REJECTED
    return done_status


def finish_run(run: ImportRun, report: ImportReport, *, status: str) -> None:
    """Store the report and the counts on the run."""
    run.status = status
    run.counts = dict(report.counts)
    run.committed = report.committed
    run.total_rows = run.processed_rows = report.row_count
    run.error_code = report.error["code"] if report.error else ""
    run.error_message = report.error["message"] if report.error else ""
    run.finished_at = timezone.now()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as handle:
        report.write_json(handle)
        handle.seek(0)
        stem = Path(run.original_name).stem[:60] or "import"
        run.report.save(f"{run.pk}-{stem}.json", File(handle), save=False)
    run.save()


def record_command_run(
    path: str, report: ImportReport, *, kind: str, dry_run: bool, skip_invalid: bool
) -> ImportRun:
    """The audit record of an import run from the command line (the file stays where it is)."""
    source = Path(path)
    run = ImportRun.objects.create(
        kind=kind,
        source="command",
        original_name=str(source)[:255],
        file_size=source.stat().st_size if source.exists() else 0,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        language=translation.get_language() or "id",
    )
    finish_run(
        run, report, status=_status_after(report, dry_run=dry_run, done_status=ImportStatus.DONE)
    )
    return run
