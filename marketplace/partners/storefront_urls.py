from django.urls import path

from . import storefront_views

app_name = "partners_storefront"

urlpatterns = [
    path("daftar/", storefront_views.register, name="register"),
    path("pesanan/", storefront_views.purchase_orders, name="purchase_orders"),
    path("pesanan/<int:order_id>/", storefront_views.purchase_order_detail, name="purchase_order"),
    path("pesanan/tambah/", storefront_views.draft_add, name="draft_add"),
    path("penawaran/", storefront_views.quotes, name="quotes"),
    path("penawaran/<int:quote_id>/terima/", storefront_views.quote_accept, name="quote_accept"),
    path("tagihan/<int:order_id>/", storefront_views.invoice, name="invoice"),
]
