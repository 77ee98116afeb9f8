import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class MarketplaceUserManager(UserManager):
    """Users log in with email (or phone); there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def new_jwt_token_key() -> str:
    return secrets.token_urlsafe(9)


class StaffRole(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National admin")
    PROVINCE_CURATOR = "province_curator", _("Province curator")
    PROVINCE_VIEWER = "province_viewer", _("Province viewer")


class User(AbstractUser):
    """A consumer, a group member, a partner's buyer or BKKBN staff: one account model."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    phone = PhoneNumberField(_("phone"), blank=True, null=True, unique=True, region="ID")
    language_code = models.CharField(
        _("language"),
        max_length=8,
        default="id",
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
    )

    staff_role = models.CharField(
        _("BKKBN staff role"), max_length=20, blank=True, choices=StaffRole.choices
    )
    staff_province = models.ForeignKey(
        "regions.Province",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("province (for province staff)"),
    )

    default_shipping_address = models.ForeignKey(
        "accounts.AccountAddress",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("default shipping address"),
    )
    default_billing_address = models.ForeignKey(
        "accounts.AccountAddress",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("default billing address"),
    )
    jwt_token_key = models.CharField(
        _("sign-in key"),
        max_length=12,
        default=new_jwt_token_key,
        help_text=_("Changing it signs the account out everywhere (every token issued before)."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = MarketplaceUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_national_staff(self) -> bool:
        return self.is_superuser or self.staff_role == StaffRole.NATIONAL_ADMIN

    @property
    def scoped_province_code(self) -> str | None:
        """The one province a province-scoped staff user may see; None for national staff."""
        if self.is_national_staff:
            return None
        return self.staff_province_id or ""

    @property
    def can_curate(self) -> bool:
        return self.is_national_staff or (
            self.staff_role == StaffRole.PROVINCE_CURATOR and bool(self.staff_province_id)
        )


class PasswordResetRequest(models.Model):
    """One "forgot password" request from the API, the portal or the storefront.

    Each request is its own row because the outbox de-duplicates per object: a later request
    sends a new link. The row records only who asked and when (for the throttle); the link is
    never stored here, and its token is Django's stateless one (checked against the account).
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="password_resets",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"


class AccountAddress(models.Model):
    """One address in a customer's address book, Indonesian: the regions come from the region
    data (province, kabupaten/kota, kecamatan), desa/kelurahan and street with RT/RW as text."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("user")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    company_name = models.CharField(_("company"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    street_address_1 = models.CharField(_("street, RT/RW"), max_length=255)
    street_address_2 = models.CharField(_("desa / kelurahan, details"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district (kecamatan)"),
    )
    regency = models.ForeignKey(
        "regions.Regency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("regency / city"),
    )
    province = models.ForeignKey(
        "regions.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.first_name}, {self.street_address_1}, {self.postal_code}"


class AccountDeletionRequest(models.Model):
    """One "delete my account" request: the emailed link carries a one-time token (never
    stored here; it is Django's stateless token, so it dies once the account changes)."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="deletion_requests",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"
