"""Pieces shared by the scoped admins: region filters and the audit trail of admin edits."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core import audit
from marketplace.regions.models import Province, Regency

from .scoping import ALL_PROVINCES, ProvinceScopedAdminMixin, staff_scope


class ScopedProvinceFilter(admin.SimpleListFilter):
    """Province filter offering only the provinces the staff user may see."""

    title = _("province")
    parameter_name = "province"
    lookup = "regency__province"

    def lookups(self, request, model_admin):
        provinces = Province.objects.all()
        scope = staff_scope(request.user)
        if scope is not ALL_PROVINCES:
            provinces = provinces.filter(code=scope)
        return provinces.values_list("code", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.lookup: self.value()})
        return queryset


class ScopedRegencyFilter(admin.SimpleListFilter):
    """Kabupaten / kota filter; narrowed to the chosen (or the staff user's) province."""

    title = _("regency / city")
    parameter_name = "regency"
    lookup = "regency"

    def lookups(self, request, model_admin):
        regencies = Regency.objects.all()
        scope = staff_scope(request.user)
        province = request.GET.get("province")
        if scope is not ALL_PROVINCES:
            regencies = regencies.filter(province_id=scope)
        elif province:
            regencies = regencies.filter(province_id=province)
        else:
            # All 514 regencies make a useless list: only those that have rows here.
            model = model_admin.model
            codes = model._default_manager.values_list(self.lookup, flat=True).distinct()
            regencies = regencies.filter(code__in=codes)
        return regencies.values_list("code", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.lookup: self.value()})
        return queryset


def province_of(obj: models.Model, path: str) -> str:
    """Follow ``group__regency__province`` from ``obj`` to the province code ('' if none)."""
    *steps, last = path.split("__")
    node = obj
    for step in steps:
        node = getattr(node, step, None)
        if node is None:
            return ""
    value = getattr(node, f"{last}_id", None) or getattr(node, last, "")
    return value if isinstance(value, str) else getattr(value, "pk", "") or ""


class AuditedScopedAdmin(ProvinceScopedAdminMixin):
    """Scoped admin whose saves and deletes are written to the audit log."""

    def save_model(self, request, obj, form, change):
        changes = changed_values(form)
        super().save_model(request, obj, form, change)
        if changes or not change:
            audit.record(
                request.user,
                obj,
                "admin_changed" if change else "admin_created",
                changes,
                province_code=self._audit_province(obj),
            )

    def save_formset(self, request, form, formset, change):
        edits = [
            (inline_form, changed_values(inline_form))
            for inline_form in formset.forms
            if inline_form.has_changed() and inline_form not in formset.deleted_forms
        ]
        deleted = [inline_form.instance for inline_form in formset.deleted_forms]
        super().save_formset(request, form, formset, change)
        province = self._audit_province(form.instance)
        for inline_form, changes in edits:
            action = "admin_changed" if inline_form.initial else "admin_created"
            if not changes and action == "admin_changed":
                continue
            audit.record(
                request.user, inline_form.instance, action, changes, province_code=province
            )
        for instance in deleted:
            audit.record(request.user, instance, "admin_deleted", {}, province_code=province)

    def delete_model(self, request, obj):
        province = self._audit_province(obj)
        audit.record(request.user, obj, "admin_deleted", {}, province_code=province)
        super().delete_model(request, obj)

    def _audit_province(self, obj) -> str:
        path = self.province_path if isinstance(self.province_path, str) else self.province_path[0]
        return province_of(obj, path)


def changed_values(form) -> dict:
    """``{field: [old, new]}`` of a bound admin form, leaving out fields that only look changed."""
    changes = {}
    for name in form.changed_data:
        if name in ("id", "DELETE"):
            continue
        old, new = _plain(form.initial.get(name)), _plain(form.cleaned_data.get(name))
        if old != new:
            changes[name] = [old, new]
    return changes


def _plain(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, models.QuerySet):
        return sorted(str(pk) for pk in value.values_list("pk", flat=True))
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | bool | float | dict):
        return value
    return str(value)
