from django.urls import path

from .views import auth, catalog, cod, home, orders

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("masuk/", auth.login, name="login"),
    path("keluar/", auth.logout, name="logout"),
    path("lupa-sandi/", auth.password_reset, name="password_reset"),
    path("lupa-sandi/terkirim/", auth.password_reset_done, name="password_reset_done"),
    path(
        "sandi-baru/<uidb64>/<token>/",
        auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("sandi-baru/selesai/", auth.password_reset_complete, name="password_reset_complete"),
    path("pesanan/", orders.fulfillment_list, name="fulfillments"),
    path("pesanan/<int:fulfillment_id>/", orders.fulfillment_detail, name="fulfillment"),
    path("pesanan/<int:fulfillment_id>/terima/", orders.accept, name="accept"),
    path("pesanan/<int:fulfillment_id>/tolak/", orders.reject, name="reject"),
    path("pesanan/<int:fulfillment_id>/dikemas/", orders.pack, name="pack"),
    path("pesanan/<int:fulfillment_id>/kirim/", orders.ship, name="ship"),
    path("pesanan/<int:fulfillment_id>/tunai/", cod.cash_collected, name="cod_cash"),
    path("pesanan/<int:fulfillment_id>/ditolak/", cod.refused, name="cod_refused"),
    path("stok/", catalog.stock_list, name="stock"),
    path("stok/<int:stock_id>/", catalog.stock_update, name="stock_update"),
    path("produk/", catalog.product_list, name="products"),
    path("produk/baru/", catalog.product_new, name="product_new"),
    path("produk/<int:product_id>/ubah/", catalog.product_edit, name="product_edit"),
    path("penjualan/", home.sales, name="sales"),
    path("kelompok/", home.choose_group, name="choose_group"),
]
