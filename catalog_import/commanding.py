"""What ``import_groups`` and ``import_catalog`` share: options, running, printing, exit status."""

import sys

from django.core.management.base import BaseCommand
from django.utils import translation

from .importer import ImportOptions, import_file
from .runs import record_command_run


class ImportCommand(BaseCommand):
    kind = ""
    has_images = False
    requires_system_checks: list = []  # an import needs the models, not the URLconf or admin

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        if self.has_images:
            parser.add_argument("--images", help="folder or .zip holding the image files")
        parser.add_argument("--sheet", help="XLSX sheet name (default: the first sheet)")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows, report the rest"
        )
        parser.add_argument("--report", help="write the JSON report to this path")
        parser.add_argument("--lang", choices=["id", "en"], default="id", help="message language")

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            report = import_file(
                options["file"],
                self.kind,
                ImportOptions(
                    dry_run=options["dry_run"],
                    skip_invalid=options["skip_invalid"],
                    sheet=options.get("sheet"),
                    images=options.get("images"),
                ),
            )
            try:
                if options["report"]:
                    with open(options["report"], "w", encoding="utf-8") as out:
                        report.write_json(out)
                report.write_table(self.stdout)
                record_command_run(
                    options["file"],
                    report,
                    kind=self.kind,
                    dry_run=options["dry_run"],
                    skip_invalid=options["skip_invalid"],
                )
                exit_code = report.exit_code
            finally:
                report.close()
        if exit_code:
            self.stdout.flush()
            sys.exit(exit_code)
