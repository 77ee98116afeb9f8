from django.urls import path

from . import views

app_name = "whatsapp"

urlpatterns = [
    path("inbound/", views.generic_inbound, name="inbound"),
    path("fonnte/<str:token>/", views.fonnte_inbound, name="fonnte_inbound"),
]
