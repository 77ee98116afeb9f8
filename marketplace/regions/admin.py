from django.contrib import admin
from unfold.admin import ModelAdmin

from .models import District, Province, Regency


@admin.register(Province)
class ProvinceAdmin(ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Regency)
class RegencyAdmin(ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["code", "name"]


@admin.register(District)
class DistrictAdmin(ModelAdmin):
    list_display = ["code", "name", "regency"]
    list_filter = ["regency__province"]
    search_fields = ["code", "name"]
    list_select_related = ["regency"]
