from catalog_import.commanding import ImportCommand


class Command(ImportCommand):
    help = "Import UPPKS groups from a CSV or XLSX registry (see docs/IMPORT.md)."
    kind = "groups"
