"""``manage.py restore --from DIR``: into an EMPTY database, then check the ledger."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.backups.services import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured, empty database and "
        "storages, then run the ledger reconciliation (exit status 1 if it disagrees)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="source", required=True, type=Path, help="A backup folder."
        )
        parser.add_argument("--no-files", action="store_true", help="Restore the database only.")

    def handle(self, *args, source: Path, no_files: bool, **options):
        try:
            restored = restore_backup(source, files=not no_files)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for table, count in restored.tables.items():
            self.stdout.write(f"{table}: {count}")
        self.stdout.write(f"files restored: {restored.files}")
        if restored.problems:
            for problem in restored.problems:
                self.stderr.write(f"ledger: {problem}")
            raise CommandError("The ledger reconciliation disagrees after the restore.")
        self.stdout.write("ledger reconciliation: clean")
