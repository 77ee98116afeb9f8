from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogImportConfig(AppConfig):
    name = "catalog_import"
    verbose_name = _("Catalog import")
