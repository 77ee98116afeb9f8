from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from marketplace.core.images import validate_image_file
from marketplace.core.urls_fast import fast_reverse
from marketplace.regions.models import District, Regency


class UppksGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_province(self, province_code: str):
        return self.filter(regency__province_id=province_code)


class UppksGroup(models.Model):
    """A producing UPPKS group; it plays the part of a Saleor warehouse (stock lives per group)."""

    code = models.CharField(_("group code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="uppks_groups",
        verbose_name=_("regency / city"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uppks_groups",
        verbose_name=_("district (kecamatan)"),
    )
    village = models.CharField(_("village (desa / kelurahan)"), max_length=100, blank=True)
    leader_name = models.CharField(_("leader (ketua)"), max_length=150, blank=True)
    phone = PhoneNumberField(_("phone"), region="ID")
    email = models.EmailField(_("email"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1970), MaxValueValidator(2100)],
    )
    story = models.TextField(_("story"), blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="groups/", blank=True, validators=[validate_image_file]
    )
    is_active = models.BooleanField(_("active"), default=True)
    accepts_cod = models.BooleanField(
        _("accepts cash on delivery"),
        default=False,
        help_text=_("The group ships unpaid orders and collects the cash at the door."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UppksGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("UPPKS group")
        verbose_name_plural = _("UPPKS groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return fast_reverse("storefront:group", slug=self.slug)

    @property
    def province_code(self) -> str:
        return self.regency.province_id

    def clean(self):
        if (
            self.district_id
            and self.regency_id
            and not self.district_id.startswith(self.regency_id)
        ):
            raise ValidationError(
                {"district": _("The district does not lie in the chosen regency / city.")}
            )


class MemberRole(models.TextChoices):
    KETUA = "ketua", _("Leader (ketua)")
    BENDAHARA = "bendahara", _("Treasurer (bendahara)")
    ANGGOTA = "anggota", _("Member (anggota)")


class GroupMember(models.Model):
    """A user who works a group's orders in the portal."""

    group = models.ForeignKey(
        UppksGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("group")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.ANGGOTA
    )
    notify_email = models.BooleanField(_("notify by email"), default=True)
    notify_whatsapp = models.BooleanField(_("notify by WhatsApp"), default=True)
    notify_sms = models.BooleanField(_("notify by SMS"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="unique_group_member"),
        ]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.group})"


class PartnerKind(models.TextChoices):
    BUMDES = "bumdes", _("BUMDes")
    KOPERASI = "koperasi", _("Cooperative (koperasi)")
    COMPANY = "company", _("Company")
    GOVERNMENT = "government", _("Government programme")
    RETAILER = "retailer", _("Retailer")
    HOTEL = "hotel", _("Hotel")
    # Issue 18: the kinds a partner account registers as.
    RESTAURANT = "restaurant", _("Restaurant")
    SHOP = "shop", _("Shop")
    BUMN = "bumn", _("BUMN (state-owned company)")
    OFFTAKER = "offtaker", _("Other offtaker")


class Partner(models.Model):
    """A mitra: BUMDes, koperasi, hotel… that partners with groups and may buy at partner prices."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=PartnerKind.choices, default=PartnerKind.COMPANY
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("regency / city"),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True, region="ID")
    email = models.EmailField(_("email"), blank=True)
    buyers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="partner_accounts",
        verbose_name=_("buyer accounts"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner (mitra)")
        verbose_name_plural = _("partners (mitra)")

    def __str__(self) -> str:
        return self.name


class Partnership(models.Model):
    """A group's business partnership; groups with an active one are counted in the reports."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("partner")
    )
    group = models.ForeignKey(
        UppksGroup, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("group")
    )
    since = models.DateField(_("since"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "group"], name="unique_partnership"),
        ]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return f"{self.group} — {self.partner}"
