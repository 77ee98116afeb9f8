from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """One of Indonesia's 38 provinces, keyed by its Kemendagri code (``51`` = Bali)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class RegencyKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Regency (kabupaten)")
    KOTA = "kota", _("City (kota)")


class Regency(models.Model):
    """A kabupaten or kota (``51.05`` = Kabupaten Klungkung); a group ships from one."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regencies", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=RegencyKind.choices)

    class Meta:
        ordering = ["province_id", "name"]
        verbose_name = _("regency / city")
        verbose_name_plural = _("regencies / cities")

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        """``Klungkung`` for ``Kabupaten Klungkung``."""
        return self.name.split(" ", 1)[1] if " " in self.name else self.name


class District(models.Model):
    """A kecamatan: couriers price and pick up by it."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("regency / city"),
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["regency_id", "name"]
        verbose_name = _("district (kecamatan)")
        verbose_name_plural = _("districts (kecamatan)")

    def __str__(self) -> str:
        return self.name
