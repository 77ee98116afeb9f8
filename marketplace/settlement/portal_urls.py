from django.urls import path

from . import portal_views

app_name = "settlement_portal"

urlpatterns = [
    path("", portal_views.balance, name="balance"),
    path("laporan/<int:year>/<int:month>/", portal_views.statement, name="statement"),
    path(
        "laporan/<int:year>/<int:month>.<str:fmt>",
        portal_views.statement_download,
        name="statement_download",
    ),
    path("rekening/", portal_views.payout_account, name="payout_account"),
    path("pembayaran/<int:line_id>/", portal_views.payout, name="payout"),
]
