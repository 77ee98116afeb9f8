"""The import report: counts and one entry per data row, kept on disk so memory stays bounded.

JSON shape (``--report PATH``)::

    {"kind": "products", "file": "katalog.xlsx", "dry_run": false, "committed": true,
     "error": null, "file_warnings": [],
     "counts": {"created": 3, "updated": 1, "unchanged": 0, "rejected": 1, "warnings": 2},
     "rows": [{"row": 2, "key": "SBN-001", "action": "created", "errors": [],
               "warnings": [{"column": "permit_number", "code": "permit_required", "message": "…"}],
               "normalized": {"price": 25000, "weight_g": 250, …}}, …]}
"""

import json
import tempfile
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from .errors import ImportFileError, Issue

ACTIONS = ("created", "updated", "unchanged", "rejected")
INTERNAL_KEYS = ("group_id", "category_id")
TABLE_ALL_ROWS_UP_TO = 200


class ImportReport:
    def __init__(self, kind: str, *, file_name: str = "", dry_run: bool = False):
        self.kind = kind
        self.file_name = file_name
        self.dry_run = dry_run
        self.committed = False
        self.error: dict | None = None
        self.file_warnings: list[dict] = []
        self.counts = dict.fromkeys((*ACTIONS, "warnings"), 0)
        self._rows: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.row_count = 0

    # writing
    def add_row(self, *, row: int, key: str, action: str, errors, warnings, normalized) -> None:
        entry = {
            "row": row,
            "key": key,
            "action": action,
            "errors": [e.as_dict() if isinstance(e, Issue) else e for e in errors],
            "warnings": [w.as_dict() if isinstance(w, Issue) else w for w in warnings],
            "normalized": {k: v for k, v in normalized.items() if k not in INTERNAL_KEYS},
        }
        self._rows.write(json.dumps(entry, ensure_ascii=False))
        self._rows.write("\n")
        self.counts[action] += 1
        self.counts["warnings"] += len(entry["warnings"])
        self.row_count += 1

    def fail(self, error: ImportFileError) -> None:
        self.error = {"code": str(error.code), "message": error.message}
        self.committed = False

    # reading
    @property
    def ok(self) -> bool:
        return self.error is None and self.counts["rejected"] == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def rows(self) -> Iterator[dict]:
        self._rows.flush()
        self._rows.seek(0)
        for line in self._rows:
            yield json.loads(line)
        self._rows.seek(0, 2)

    def summary(self) -> dict:
        return {
            "kind": self.kind,
            "file": self.file_name,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "error": self.error,
            "file_warnings": self.file_warnings,
            "counts": dict(self.counts),
        }

    def as_dict(self) -> dict:
        return {**self.summary(), "rows": list(self.rows())}

    def write_json(self, out: IO[str]) -> None:
        """Stream the whole report as one JSON document."""
        head = json.dumps(self.summary(), ensure_ascii=False, indent=1)
        out.write(head[:-2] + ',\n "rows": [')
        for position, entry in enumerate(self.rows()):
            out.write(",\n  " if position else "\n  ")
            out.write(json.dumps(entry, ensure_ascii=False))
        out.write("\n ]\n}\n")

    def write_table(self, out: IO[str]) -> None:
        """A readable table: every row of a small file, only rows with problems of a large one."""
        show_all = self.row_count <= TABLE_ALL_ROWS_UP_TO
        widths = (6, 20, 10, 14, 24)
        titles = (_("Row"), _("Key"), _("Action"), _("Column"), _("Code"))
        out.write(_line(titles, widths) + _("Message") + "\n")
        out.write("-" * 110 + "\n")
        hidden = 0
        for entry in self.rows():
            issues = [*entry["errors"], *entry["warnings"]]
            if not issues and not show_all:
                hidden += 1
                continue
            first = (str(entry["row"]), entry["key"][:20], _action_label(entry["action"]))
            if not issues:
                out.write(_line((*first, "", ""), widths) + "\n")
            for position, issue in enumerate(issues):
                cells = first if position == 0 else ("", "", "")
                out.write(_line((*cells, issue["column"], issue["code"]), widths))
                out.write(issue["message"] + "\n")
        if hidden:
            out.write(_("(%(count)s rows without problems not shown)") % {"count": hidden} + "\n")
        out.write("\n" + self.summary_line() + "\n")

    def summary_line(self) -> str:
        if self.error:
            return _("Nothing was imported: %(message)s") % {"message": self.error["message"]}
        counts = (
            _(
                "created %(created)s, updated %(updated)s, unchanged %(unchanged)s, "
                "rejected %(rejected)s, warnings %(warnings)s"
            )
            % self.counts
        )
        if self.dry_run:
            return _("Dry run, nothing was written: %(counts)s.") % {"counts": counts}
        if not self.committed:
            return _("Nothing was written because some rows are invalid: %(counts)s.") % {
                "counts": counts
            }
        return _("Imported: %(counts)s.") % {"counts": counts}

    def close(self) -> None:
        self._rows.close()


def _line(cells, widths) -> str:
    return "".join(str(cell).ljust(width) + " " for cell, width in zip(cells, widths, strict=True))


def _action_label(action: str) -> str:
    labels = {
        "created": _("created"),
        "updated": _("updated"),
        "unchanged": _("unchanged"),
        "rejected": _("rejected"),
    }
    return labels.get(action, action)
