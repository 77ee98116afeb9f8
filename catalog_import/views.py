"""Staff pages under /admin/import/: upload → checked report → confirm → progress → result."""

import itertools
import json
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace.curation.scoping import ALL_PROVINCES, can_edit, staff_scope

from . import blank_templates, runs, tasks
from .columns import COLUMNS
from .forms import UploadForm
from .models import ImportRun, ImportStatus

ROWS_PER_PAGE = 200
DOCS = Path(settings.BASE_DIR) / "docs" / "IMPORT.md"


def importer_view(view):
    """An admin page for staff who may change the catalog (national admins, province curators)."""

    def wrapped(request, *args, **kwargs):
        if not can_edit(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return admin.site.admin_view(wrapped)


def visible_runs(user):
    """National staff see every import; province staff see their own."""
    queryset = ImportRun.objects.select_related("created_by")
    if staff_scope(user) is ALL_PROVINCES:
        return queryset
    return queryset.filter(created_by=user)


def _context(request, **extra) -> dict:
    return {**admin.site.each_context(request), **extra}


@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        run = ImportRun(
            kind=data["kind"],
            original_name=Path(data["file"].name).name[:255],
            file_size=data["file"].size,
            skip_invalid=data["skip_invalid"],
            created_by=request.user,
            language=get_language() or "id",
        )
        run.file.save(Path(data["file"].name).name, data["file"], save=False)
        if data.get("images"):
            run.images_name = Path(data["images"].name).name[:255]
            run.images_file.save(run.images_name, data["images"], save=False)
        run.save()
        _start(run, tasks.check_import, runs.check_run)
        return redirect("catalog_import:run", run.pk)
    recent = visible_runs(request.user)[:15]
    context = _context(
        request,
        title=_("Import groups or products"),
        form=form,
        recent=recent,
        templates=_template_links(),
        max_mb=round(settings.IMPORT_MAX_FILE_BYTES / 1_048_576),
    )
    return render(request, "catalog_import/upload.html", context)


def _start(run: ImportRun, task, inline) -> None:
    """Small files are handled during the request; large ones by a Celery worker."""
    if run.file_size <= settings.IMPORT_SYNC_MAX_BYTES:
        inline(run.pk)
    else:
        transaction.on_commit(partial(task.delay, run.pk))


def _template_links() -> list[dict]:
    return [
        {"kind": kind, "lang": lang, "fmt": fmt}
        for kind, lang, fmt in itertools.product(COLUMNS, ("id", "en"), ("xlsx", "csv"))
    ]


@require_GET
def run_detail(request, run_id):
    run = get_object_or_404(visible_runs(request.user), pk=run_id)
    only_problems = request.GET.get("problems") == "1"
    page_text = request.GET.get("page", "1")
    page = max(1, int(page_text)) if page_text.isdigit() else 1
    rows, has_next = ([], False)
    if run.report and not run.is_running:
        rows, has_next = _report_page(run, page=page, only_problems=only_problems)
    context = _context(
        request,
        title=_("Import: %(name)s") % {"name": run.original_name},
        run=run,
        rows=rows,
        page=page,
        has_next=has_next,
        only_problems=only_problems,
        progress=runs.read_progress(run),
        can_confirm=_can_confirm(run),
    )
    return render(request, "catalog_import/run.html", context)


def _can_confirm(run: ImportRun) -> bool:
    if run.status != ImportStatus.VALIDATED or run.error_code:
        return False
    counts = run.counts or {}
    valid = counts.get("created", 0) + counts.get("updated", 0)
    return valid > 0 and (run.skip_invalid or counts.get("rejected", 0) == 0)


def _report_page(run: ImportRun, *, page: int, only_problems: bool) -> tuple[list, bool]:
    """One page of the report's rows, read line by line (the report keeps one row per line)."""
    start = (page - 1) * ROWS_PER_PAGE
    rows, seen = [], 0
    with run.report.open("rb") as handle:
        for raw in handle:
            line = raw.decode("utf-8").strip()
            if not line.startswith('{"row"'):
                continue
            entry = json.loads(line.rstrip(","))
            if only_problems and not (entry["errors"] or entry["warnings"]):
                continue
            if seen >= start + ROWS_PER_PAGE:
                return rows, True
            if seen >= start:
                entry["problem_columns"] = {issue["column"] for issue in entry["errors"]}
                rows.append(entry)
            seen += 1
    return rows, False


@require_GET
def run_progress(request, run_id):
    run = get_object_or_404(visible_runs(request.user), pk=run_id)
    progress = runs.read_progress(run)
    return JsonResponse(
        {"status": run.status, "running": run.is_running, **progress},
    )


@require_POST
def confirm(request, run_id):
    run = get_object_or_404(visible_runs(request.user), pk=run_id)
    if not _can_confirm(run):
        messages.error(request, _("This import cannot be confirmed."))
        return redirect("catalog_import:run", run.pk)
    _start(run, tasks.apply_import, runs.apply_run)
    return redirect("catalog_import:run", run.pk)


@require_GET
def report_download(request, run_id):
    run = get_object_or_404(visible_runs(request.user), pk=run_id)
    if not run.report:
        raise Http404
    return FileResponse(
        run.report.open("rb"),
        as_attachment=True,
        filename=f"import-{run.pk}-report.json",
        content_type="application/json",
    )


@require_GET
def template_download(request, kind, lang, fmt):
    if kind not in COLUMNS or lang not in ("id", "en") or fmt not in ("xlsx", "csv"):
        raise Http404
    response = HttpResponse(
        blank_templates.build(kind, lang, fmt), content_type=blank_templates.CONTENT_TYPES[fmt]
    )
    name = blank_templates.filename(kind, lang, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def rules(request):
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
    return render(
        request, "catalog_import/rules.html", _context(request, title=_("Import rules"), text=text)
    )
