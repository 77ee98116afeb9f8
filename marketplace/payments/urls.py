from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("midtrans/notification/", views.midtrans_notification, name="midtrans_notification"),
    path("xendit/callback/", views.xendit_callback, name="xendit_callback"),
    path("order/<uuid:token>/status/", views.order_payment_status, name="order_payment_status"),
    path("order/<uuid:token>/online/", views.start_online_payment, name="start_online_payment"),
    path(
        "order/<uuid:token>/bank-transfer/", views.pay_by_bank_transfer, name="pay_by_bank_transfer"
    ),
    path("order/<uuid:token>/", views.order_payment, name="order_payment"),
    path("order/<uuid:token>/proof/", views.upload_proof, name="upload_proof"),
]
