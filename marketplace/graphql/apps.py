from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GraphqlConfig(AppConfig):
    name = "marketplace.graphql"
    label = "marketplace_graphql"
    verbose_name = _("GraphQL API")
