from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.staff_view(views.report_page), name="report"),
    path("export.csv", views.staff_view(views.export), {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.staff_view(views.export), {"fmt": "xlsx"}, name="export_xlsx"),
]
