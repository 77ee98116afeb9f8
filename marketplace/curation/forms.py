from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.groups.models import MemberRole
from marketplace.notifications.models import Channel


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the group"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class InviteMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone (WhatsApp / SMS)"), max_length=20, required=False)
    channel = forms.ChoiceField(label=_("Send the link by"), choices=Channel.choices)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial="anggota")


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            raise forms.ValidationError(_("The two passwords differ."))
        return data
