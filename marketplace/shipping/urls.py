from django.urls import path

from . import views

app_name = "shipping"

urlpatterns = [
    path("webhooks/biteship/", views.biteship_webhook, name="biteship_webhook"),
    path("portal/<int:fulfillment_id>/pick-up/", views.request_pickup, name="request_pickup"),
    path("portal/<int:fulfillment_id>/label.pdf", views.label, name="label"),
]
