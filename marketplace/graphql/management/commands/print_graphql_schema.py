"""Re-print marketplace/graphql/schema.graphql from the code (a test compares the two)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from marketplace.graphql.api import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def printed_schema() -> str:
    return str(schema).rstrip() + "\n"


class Command(BaseCommand):
    help = "Print the GraphQL schema to marketplace/graphql/schema.graphql."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args, check=False, **options):
        text = printed_schema()
        if check:
            if SCHEMA_FILE.read_text() != text:
                raise SystemExit("schema.graphql is stale: run manage.py print_graphql_schema")
            self.stdout.write("schema.graphql is up to date")
            return
        SCHEMA_FILE.write_text(text)
        self.stdout.write(f"wrote {SCHEMA_FILE}")
