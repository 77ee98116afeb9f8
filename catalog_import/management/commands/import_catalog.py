from catalog_import.commanding import ImportCommand


class Command(ImportCommand):
    help = "Import products and variants from a CSV or XLSX catalog (see docs/IMPORT.md)."
    kind = "products"
    has_images = True
