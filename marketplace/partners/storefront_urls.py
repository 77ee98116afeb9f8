from django.urls import path

from . import storefront_views

app_name = "partners_storefront"

urlpatterns = [
    path("daftar/", storefront_views.register, name="register"),
    path("tagihan/<int:order_id>/", storefront_views.invoice, name="invoice"),
]
