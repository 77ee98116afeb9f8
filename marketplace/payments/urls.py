from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("order/<uuid:token>/", views.order_payment, name="order_payment"),
    path("order/<uuid:token>/proof/", views.upload_proof, name="upload_proof"),
]
