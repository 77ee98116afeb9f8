from django.urls import path

from .api import schema
from .core.views import graphql_view

app_name = "graphql"

urlpatterns = [path("", graphql_view(schema), name="api")]
