"""The BKKBN staff pages that live outside the model admin, linked from the admin sidebar."""

from django.urls import reverse
from django.utils.translation import gettext as _


def sidebar(request) -> list[dict]:
    """Unfold sidebar groups; every page checks the staff member's role and province itself."""
    return [
        {
            "title": _("BKKBN work"),
            "separator": True,
            "items": [
                {
                    "title": _("Review queue"),
                    "icon": "fact_check",
                    "link": reverse("curation:queue"),
                },
                {"title": _("Reports"), "icon": "bar_chart", "link": reverse("reports:report")},
                {
                    "title": _("Spreadsheet import"),
                    "icon": "upload_file",
                    "link": reverse("catalog_import:upload"),
                },
                {
                    "title": _("Settlement and payouts"),
                    "icon": "payments",
                    "link": reverse("settlement:dashboard"),
                },
            ],
        }
    ]
