from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("Until"), required=False)
    province = forms.CharField(required=False, max_length=2)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["end"] = data.get("end") or today
        data["start"] = data.get("start") or date(data["end"].year, 1, 1)
        if data["start"] > data["end"]:
            raise forms.ValidationError(_("The period starts after it ends."))
        if (data["end"] - data["start"]).days > 366 * 5:
            raise forms.ValidationError(_("Choose a period of at most five years."))
        return data
