"""Admin labels used by the catalog, group and account admins handed over to curation."""

from django.utils.translation import gettext_lazy as _

VARIANT_LABEL = _("variant")
ACTIVE_PARTNERSHIPS_LABEL = _("active partnerships")
MEMBERS_LABEL = _("members")
INVITE_LABEL = _("members' access")
INVITE_LINK_TEXT = _("Invite a member by email, WhatsApp or SMS")
