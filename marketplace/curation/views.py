"""Staff pages of curation (review page, member invitation) and the public join page."""

from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketplace.catalog.models import Category
from marketplace.core.errors import DomainError
from marketplace.core.sanitize import sanitize_html
from marketplace.groups.models import UppksGroup

from .forms import AcceptInvitationForm, InviteMemberForm, RejectForm
from .models import REVIEWED_FIELDS, ProductRevision, RevisionKind
from .onboarding import accept_invitation, find_invitation, invite_member
from .scoping import can_edit, is_reporting_staff, scope_to_staff
from .services import HTML_FIELDS, approve_product, reject_product

PRODUCT_PROVINCE = "product__group__regency__province"


def staff_view(view):
    """An admin page (login, staff) that 404s for users without a staff role."""

    def wrapped(request, *args, **kwargs):
        if not is_reporting_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return admin.site.admin_view(wrapped)


@require_http_methods(["GET", "POST"])
def review(request, revision_id):
    revisions = scope_to_staff(ProductRevision.objects.all(), request.user, PRODUCT_PROVINCE)
    revision = get_object_or_404(
        revisions.select_related(
            "product__group__regency__province", "product__category__parent", "submitted_by"
        ),
        pk=revision_id,
    )
    product = revision.product
    form = RejectForm(request.POST or None)
    if request.method == "POST":
        if not can_edit(request.user):
            raise Http404
        try:
            if request.POST.get("action") == "approve":
                approve_product(product.pk, actor=request.user)
                messages.success(request, _("Approved: %(name)s") % {"name": product.name})
                return redirect("admin:curation_productrevision_changelist")
            if form.is_valid():
                reject_product(product.pk, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Rejected: %(name)s") % {"name": product.name})
                return redirect("admin:curation_productrevision_changelist")
        except DomainError as err:
            messages.error(request, err.message)
    context = {
        **admin.site.each_context(request),
        "title": _("Review: %(name)s") % {"name": product.name},
        "revision": revision,
        "product": product,
        "rows": comparison_rows(revision),
        "problems": [message for _code, message in product.publication_problems()],
        "variants": product.variants.prefetch_related("stocks").order_by("sort_order", "pk"),
        "form": form,
        "can_decide": can_edit(request.user) and revision.status == "pending",
    }
    return render(request, "curation/review.html", context)


def comparison_rows(revision: ProductRevision) -> list[dict]:
    """One row per reviewed field: live value beside the proposed one."""
    product = revision.product
    fields = {f.name: f for f in product._meta.get_fields() if f.name in REVIEWED_FIELDS}
    categories = {}
    if revision.kind == RevisionKind.EDIT and "category" in revision.changes:
        categories = Category.objects.in_bulk([revision.changes["category"]])
    rows = []
    for name in HTML_FIELDS:  # shown as HTML: cleaned again, whatever wrote them
        if revision.kind == RevisionKind.EDIT and name in revision.changes:
            revision.changes[name] = sanitize_html(revision.changes[name])
    for name in REVIEWED_FIELDS:
        live = product.category if name == "category" else getattr(product, name)
        if name in HTML_FIELDS:
            live = sanitize_html(live)
        if revision.kind == RevisionKind.EDIT:
            if name not in revision.changes:
                continue
            proposed = revision.changes[name]
            if name == "category":
                proposed = categories.get(proposed, proposed)
            rows.append(
                {
                    "label": fields[name].verbose_name,
                    "live": live,
                    "proposed": proposed,
                    "html": name.startswith("description"),
                }
            )
        else:
            rows.append(
                {
                    "label": fields[name].verbose_name,
                    "live": None,
                    "proposed": live,
                    "html": name.startswith("description"),
                }
            )
    return rows


@require_http_methods(["GET", "POST"])
def invite(request, group_id):
    groups = scope_to_staff(UppksGroup.objects.all(), request.user, "regency__province")
    group = get_object_or_404(groups, pk=group_id)
    if not can_edit(request.user):
        raise Http404
    form = InviteMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invite_member(group.pk, actor=request.user, **form.cleaned_data)
        except DomainError as err:
            form.add_error(err.field if err.field in form.fields else None, err.message)
        else:
            messages.success(request, _("The invitation is on its way."))
            return redirect(reverse("admin:groups_uppksgroup_change", args=[group.pk]))
    context = {
        **admin.site.each_context(request),
        "title": _("Invite a member to %(group)s") % {"group": group.name},
        "group": group,
        "form": form,
    }
    return render(request, "curation/invite.html", context)


@require_http_methods(["GET", "POST"])
def join(request, token):
    """The one-time link: choose a password, become a member. No login needed."""
    invitation = find_invitation(token)
    if invitation is None:
        return render(request, "curation/join_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, initial={"first_name": invitation.name})
    if request.method == "POST" and form.is_valid():
        try:
            accept_invitation(
                token,
                password=form.cleaned_data["password"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except DomainError as err:
            form.add_error("password" if err.field == "password" else None, err.message)
        else:
            return render(request, "curation/join_done.html", {"group": invitation.group})
    return render(request, "curation/join.html", {"invitation": invitation, "form": form})
