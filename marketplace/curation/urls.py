from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "curation"

urlpatterns = [
    path(
        "",
        RedirectView.as_view(pattern_name="admin:curation_productrevision_changelist"),
        name="queue",
    ),
    path("review/<int:revision_id>/", views.staff_view(views.review), name="review"),
    path("groups/<int:group_id>/invite/", views.staff_view(views.invite), name="invite"),
    path("join/<str:token>/", views.join, name="accept_invitation"),
]
