"""Load the demo catalog through the importer (``make run`` calls this after migrate).

Idempotent: a second run finds every group and product unchanged and writes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from catalog_import.importer import ImportOptions, import_file
from marketplace.accounts.models import StaffRole, User
from marketplace.catalog.models import Product
from marketplace.catalog.services import approve_products_without_review
from marketplace.groups.models import GroupMember, MemberRole, UppksGroup

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
STAFF_EMAIL, STAFF_PASSWORD = "admin@pasar-uppks.id", "demo-admin-2026"
MEMBER_EMAIL, MEMBER_PASSWORD = "ketua@mawarsari.example.id", "demo-kelompok-2026"
MEMBER_GROUP = "UPPKS-BALI-001"


class Command(BaseCommand):
    help = "Import the demo groups and products, approve them, and create demo logins."
    requires_system_checks: list = []

    def handle(self, *args, **options):
        with translation.override("en"):
            group_codes = self._import("groups", SAMPLES / "groups.csv")
            self._import("products", SAMPLES / "products.csv", images=SAMPLES / "images")
        staff = self._user(STAFF_EMAIL, STAFF_PASSWORD, first_name="Admin", last_name="BKKBN")
        member = self._user(
            MEMBER_EMAIL, MEMBER_PASSWORD, first_name="Ni Wayan", last_name="Sukerti"
        )
        with transaction.atomic():
            if not staff.is_superuser:
                staff.is_staff = staff.is_superuser = True
                staff.staff_role = StaffRole.NATIONAL_ADMIN
                staff.save(update_fields=["is_staff", "is_superuser", "staff_role"])
            group = UppksGroup.objects.get(code=MEMBER_GROUP)
            if not member.phone:
                # The leader's number from the sample file, so the demo member can log in by phone.
                member.phone = group.phone
                member.save(update_fields=["phone"])
            GroupMember.objects.get_or_create(
                group=group, user=member, defaults={"role": MemberRole.KETUA}
            )
        demo_products = Product.objects.filter(group__code__in=group_codes)
        approved = approve_products_without_review(
            list(demo_products.values_list("pk", flat=True)), actor=staff
        )
        self.stdout.write(f"Demo products approved now: {approved}")
        self.stdout.write("")
        self.stdout.write("Demo logins:")
        self.stdout.write(f"  BKKBN staff (admin, /admin/): {STAFF_EMAIL} / {STAFF_PASSWORD}")
        self.stdout.write(
            f"  Group member ({group.name}, /portal/): {MEMBER_EMAIL} / {MEMBER_PASSWORD}"
        )
        self.stdout.write(f"  Group member by phone (/portal/): {member.phone} / {MEMBER_PASSWORD}")

    def _import(self, kind: str, path: Path, *, images: Path | None = None) -> list[str]:
        report = import_file(str(path), kind, ImportOptions(images=str(images) if images else None))
        try:
            if not report.ok:
                report.write_table(self.stderr)
                raise CommandError(f"The demo {kind} could not be imported.")
            self.stdout.write(f"Demo {kind}: {report.summary_line()}")
            return [entry["key"] for entry in report.rows()]
        finally:
            report.close()

    def _user(self, email: str, password: str, **names) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password, **names)
        return user
