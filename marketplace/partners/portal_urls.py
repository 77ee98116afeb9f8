from django.urls import path

from . import portal_views

app_name = "partners_portal"

urlpatterns = [
    path("", portal_views.offer_list, name="offers"),
    path("<int:variant_id>/", portal_views.offer_save, name="offer_save"),
    path("pesanan/", portal_views.purchase_orders, name="purchase_orders"),
    path("pesanan/<int:order_id>/terima/", portal_views.accept, name="accept"),
    path("penawaran/", portal_views.quotes, name="quotes"),
    path("penawaran/<int:quote_id>/", portal_views.quote_offer, name="quote_offer"),
    path("pesanan/<int:order_id>/kirim/", portal_views.ship, name="ship"),
    path("surat-jalan/<int:shipment_id>/", portal_views.delivery_note, name="delivery_note"),
    path("mitra/", portal_views.partners_wanted, name="partners_wanted"),
]
