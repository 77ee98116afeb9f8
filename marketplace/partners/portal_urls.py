from django.urls import path

from . import portal_views

app_name = "partners_portal"

urlpatterns = [
    path("", portal_views.offer_list, name="offers"),
    path("<int:variant_id>/", portal_views.offer_save, name="offer_save"),
]
