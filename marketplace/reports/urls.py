from django.urls import path

from marketplace.partners import staff_views as partner_staff_views

from . import partner_views, views

app_name = "reports"

urlpatterns = [
    path("", views.staff_view(views.report_page), name="report"),
    path("export.csv", views.staff_view(views.export), {"fmt": "csv"}, name="export_csv"),
    path("mitra/", views.staff_view(partner_views.partners_report), name="partners"),
    path(
        "mitra/direktori/",
        views.staff_view(partner_views.partner_directory_page),
        name="partner_directory",
    ),
    path(
        "mitra/tagihan/",
        views.staff_view(partner_staff_views.invoices),
        name="partner_invoices",
    ),
    path("export.xlsx", views.staff_view(views.export), {"fmt": "xlsx"}, name="export_xlsx"),
]
