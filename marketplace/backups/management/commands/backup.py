"""``manage.py backup --to DIR``: a consistent database dump plus a media snapshot."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.backups.services import BackupError, take_backup


class Command(BaseCommand):
    help = "Dump the database (pg_dump, one snapshot) and copy photos and payment proofs."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, type=Path, help="Folder to write into.")

    def handle(self, *args, to: Path, **options):
        try:
            folder = take_backup(to)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(folder))
