"""Province scoping for everything staff see: national staff see all, province staff one province.

Every staff-facing queryset (admin, report pages, API resolvers) goes through ``scope_to_staff``;
a row outside the user's province is simply not in the queryset, so looking it up gives a 404.
"""

from collections.abc import Sequence

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404

from marketplace.accounts.models import StaffRole

ALL_PROVINCES = object()


def staff_scope(user) -> object | str | None:
    """``ALL_PROVINCES`` for national staff, a province code for province staff, None otherwise."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return ALL_PROVINCES
    if not user.is_staff:
        return None
    if user.staff_role == StaffRole.NATIONAL_ADMIN:
        return ALL_PROVINCES
    if user.staff_role in (StaffRole.PROVINCE_CURATOR, StaffRole.PROVINCE_VIEWER):
        return user.staff_province_id or None
    return None


def is_reporting_staff(user) -> bool:
    """May open staff pages at all (any of the three roles, or a superuser)."""
    return staff_scope(user) is not None


def can_edit(user) -> bool:
    """National admins and province curators change things; province viewers only look."""
    scope = staff_scope(user)
    if scope is None:
        return False
    return scope is ALL_PROVINCES or user.staff_role == StaffRole.PROVINCE_CURATOR


def scope_to_staff(queryset: QuerySet, user, province_path: str | Sequence[str]) -> QuerySet:
    """The rows of ``queryset`` that ``user`` may see.

    ``province_path`` is the lookup from the queryset's model to the province (its code), e.g.
    ``"group__regency__province"``; a sequence of paths means "in the province by any of them"
    (a partner is visible through its own regency or through a partnered group).
    """
    scope = staff_scope(user)
    if scope is None:
        return queryset.none()
    if scope is ALL_PROVINCES:
        return queryset
    paths = [province_path] if isinstance(province_path, str) else list(province_path)
    if len(paths) == 1 and not _crosses_to_many(queryset.model, paths[0]):
        return queryset.filter(**{paths[0]: scope})
    # Through a to-many relation a join would repeat rows: filter on the keys instead.
    condition = Q()
    for path in paths:
        condition |= Q(**{path: scope})
    return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))


def _crosses_to_many(model, path: str) -> bool:
    for step in path.split("__"):
        try:
            field = model._meta.get_field(step)
        except FieldDoesNotExist:  # a lookup or transform, not a relation
            return False
        if field.one_to_many or field.many_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def province_in_scope(user, province_code: str | None) -> bool:
    """Whether ``user`` may see data of ``province_code`` (None means national figures)."""
    scope = staff_scope(user)
    if scope is None:
        return False
    if scope is ALL_PROVINCES:
        return True
    return province_code == scope


def require_province(user, province_code: str | None) -> None:
    """404 unless the user may see that province (national figures need national staff)."""
    if not province_in_scope(user, province_code):
        raise Http404


class ProvinceScopedAdminMixin:
    """For (unfold) ModelAdmins: rows outside the staff user's province do not exist (404).

    Set ``province_path`` to the lookup from the model to its province. Province viewers get a
    read-only admin; national admins and province curators may add and change, and only national
    admins delete (``curator_can_delete`` opens deleting to curators). Choices offered in
    foreign-key fields are scoped through the related model's own admin, so a Bali curator cannot
    attach a product to an Aceh group.
    """

    province_path: str | Sequence[str] = ""
    curator_can_add = True
    curator_can_delete = False

    def get_queryset(self, request):
        return self.scope_queryset(super().get_queryset(request), request)

    def scope_queryset(self, queryset, request):
        """The rows of ``queryset`` this staff user may see; also scopes other admins' choices."""
        if not self.province_path:
            raise NotImplementedError(f"{type(self).__name__} needs a province_path")
        return scope_to_staff(queryset, request.user, self.province_path)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def has_module_permission(self, request):
        return is_reporting_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_reporting_staff(request.user)

    def has_add_permission(self, request, *args):
        return can_edit(request.user) and (
            self.curator_can_add or staff_scope(request.user) is ALL_PROVINCES
        )

    def has_change_permission(self, request, obj=None):
        return can_edit(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_edit(request.user) and (
            self.curator_can_delete or staff_scope(request.user) is ALL_PROVINCES
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scoped_choices(self.admin_site, db_field, request, formfield)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scoped_choices(self.admin_site, db_field, request, formfield)


class ProvinceScopedInlineMixin:
    """For inlines of a scoped admin: the same role permissions and scoped choices."""

    def has_view_permission(self, request, obj=None):
        return is_reporting_staff(request.user)

    def has_add_permission(self, request, obj=None):
        return can_edit(request.user)

    def has_change_permission(self, request, obj=None):
        return can_edit(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_edit(request.user) and staff_scope(request.user) is ALL_PROVINCES

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scoped_choices(self.admin_site, db_field, request, formfield)


def _scoped_choices(admin_site, db_field, request, formfield):
    if formfield is None or not hasattr(formfield, "queryset"):
        return formfield
    related_admin = admin_site._registry.get(db_field.remote_field.model)
    if isinstance(related_admin, ProvinceScopedAdminMixin):
        formfield.queryset = related_admin.scope_queryset(formfield.queryset, request)
    return formfield
