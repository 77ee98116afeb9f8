from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "storefront"

urlpatterns = [
    path("", views.home, name="home"),
    path("kategori/<slug:slug>/", views.category, name="category"),
    path("produk/<slug:slug>/", views.product, name="product"),
    path("kelompok/<slug:slug>/", views.group, name="group"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
]
