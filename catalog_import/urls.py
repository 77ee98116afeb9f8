from django.urls import path

from . import views

app_name = "catalog_import"

urlpatterns = [
    path("", views.importer_view(views.upload), name="upload"),
    path("rules/", views.importer_view(views.rules), name="rules"),
    path("<int:run_id>/", views.importer_view(views.run_detail), name="run"),
    path("<int:run_id>/progress/", views.importer_view(views.run_progress), name="progress"),
    path("<int:run_id>/confirm/", views.importer_view(views.confirm), name="confirm"),
    path("<int:run_id>/report.json", views.importer_view(views.report_download), name="report"),
    path(
        "template/<str:kind>-<str:lang>.<str:fmt>",
        views.importer_view(views.template_download),
        name="template",
    ),
]
