from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    images = forms.FileField(
        label=_("Product images (.zip, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows even if some rows are invalid"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(max)s MB).")
                % {"max": round(settings.IMPORT_MAX_FILE_BYTES / 1_048_576)},
                code="file_too_large",
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty_file")
        return upload

    def clean_images(self):
        upload = self.cleaned_data.get("images")
        if upload and upload.size > settings.IMPORT_MAX_IMAGES_ZIP_BYTES:
            raise forms.ValidationError(
                _("The images zip is too large (at most %(max)s MB).")
                % {"max": round(settings.IMPORT_MAX_IMAGES_ZIP_BYTES / 1_048_576)},
                code="file_too_large",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("images") and cleaned.get("kind") != ImportKind.PRODUCTS:
            self.add_error("images", _("Images go with a products file."))
        return cleaned
