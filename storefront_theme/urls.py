from django.urls import path

from .views import account, cart, catalog, checkout, media

app_name = "storefront"

urlpatterns = [
    path("", catalog.home, name="home"),
    path("produk/", catalog.products, name="products"),
    path("cari/", catalog.search, name="search"),
    path("kategori/<slug:slug>/", catalog.category, name="category"),
    path("provinsi/<str:code>/", catalog.province, name="province"),
    path("produk/<slug:slug>/", catalog.product, name="product"),
    path("kelompok/<slug:slug>/", catalog.group, name="group"),
    path(
        "gambar/<int:media_id>/<str:digest>/<int:size>.<str:ext>",
        media.thumbnail,
        name="thumbnail",
    ),
    path("keranjang/", cart.cart, name="cart"),
    path("keranjang/tambah/", cart.cart_add, name="cart_add"),
    path("keranjang/ubah/", cart.cart_update, name="cart_update"),
    path("keranjang/hapus/", cart.cart_remove, name="cart_remove"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("checkout/kurir/", checkout.checkout_courier, name="checkout_courier"),
    path("pesanan/<uuid:token>/", checkout.order, name="order"),
    path("lacak/", checkout.track_order, name="track_order"),
    path("wilayah/", checkout.regions, name="regions"),
    path("masuk/", account.login, name="login"),
    path("keluar/", account.logout, name="logout"),
    path("daftar/", account.register, name="register"),
    path("akun/", account.account, name="account"),
    path("akun/lupa-sandi/", account.password_reset, name="password_reset"),
    path("akun/lupa-sandi/terkirim/", account.password_reset_done, name="password_reset_done"),
    path(
        "akun/sandi-baru/<uidb64>/<token>/",
        account.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "akun/sandi-baru/selesai/",
        account.password_reset_complete,
        name="password_reset_complete",
    ),
]
