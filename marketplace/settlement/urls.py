from django.urls import path

from . import staff_views

app_name = "settlement"

urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    path("kelompok/", staff_views.groups, name="groups"),
    path("kelompok/<int:group_id>/", staff_views.group_ledger, name="group_ledger"),
    path("rekening/", staff_views.account_requests, name="account_requests"),
    path(
        "rekening/<int:request_id>/<str:decision>/",
        staff_views.decide_account_request,
        name="decide_account_request",
    ),
    path("pembayaran/", staff_views.batches, name="batches"),
    path("pembayaran/jalankan/", staff_views.start_run, name="start_run"),
    path("pembayaran/<int:batch_id>/", staff_views.batch, name="batch"),
    path("pembayaran/<int:batch_id>/berkas/", staff_views.batch_file, name="batch_file"),
    path("pembayaran/<int:batch_id>/lunas/", staff_views.batch_mark_paid, name="batch_mark_paid"),
    path("pembayaran/baris/<int:line_id>/gagal/", staff_views.line_fail, name="line_fail"),
    path("rekonsiliasi/", staff_views.reconciliation, name="reconciliation"),
    path("rekonsiliasi/periksa/", staff_views.run_check, name="run_check"),
]
