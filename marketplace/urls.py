from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from marketplace.core.metrics import metrics

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/import/", include("catalog_import.urls")),
    path("admin/curation/", include("marketplace.curation.urls")),
    path("admin/reports/", include("marketplace.reports.urls")),
    path("admin/settlement/", include("marketplace.settlement.urls")),
    path("admin/", admin.site.urls),
    path("graphql/", include("marketplace.graphql.urls")),
    path("portal/keuangan/", include("marketplace.settlement.portal_urls")),
    path("portal/grosir/", include("marketplace.partners.portal_urls")),  # issue 18
    path("mitra/", include("marketplace.partners.storefront_urls")),  # issue 18
    path("portal/", include("marketplace.portal.urls")),
    path("payments/", include("marketplace.payments.urls")),
    path("health/", include("marketplace.core.urls")),
    path("whatsapp/", include("marketplace.notifications.inbound.urls")),
    path("shipping/", include("marketplace.shipping.urls")),
    path("metrics", metrics, name="metrics"),
    path("", include("storefront_theme.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
