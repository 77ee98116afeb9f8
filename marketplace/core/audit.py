"""Recording changes for the audit log, inside the service's own transaction."""

from django.db import models

from .models import AuditEntry


def record(
    actor, obj: models.Model, action: str, changes: dict | None = None, *, province_code: str = ""
) -> AuditEntry:
    """Append one audit entry; ``changes`` maps field → [old, new]."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes or {},
        province_code=province_code,
    )


def diff(instance: models.Model, new_values: dict) -> dict:
    """``{field: [old, new]}`` for the fields whose value changes."""
    return {
        name: [getattr(instance, name), value]
        for name, value in new_values.items()
        if getattr(instance, name) != value
    }
