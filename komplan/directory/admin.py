from django.contrib import admin

from .models import (
    Capacity,
    CodelistItem,
    Contact,
    DemandFigure,
    Funding,
    Location,
    Organization,
    Service,
    ServiceForm,
)
from .review import ChangeRequest, OrganizationEditor


@admin.register(CodelistItem)
class CodelistItemAdmin(admin.ModelAdmin):
    list_display = ["codelist", "code", "name", "valid_from", "valid_to"]
    list_filter = ["codelist"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "ico", "source", "source_date"]
    list_filter = ["source"]
    search_fields = ["name", "ico"]
    raw_id_fields = ["legal_form", "municipality"]


class ServiceFormInline(admin.TabularInline):
    model = ServiceForm
    extra = 0
    raw_id_fields = ["form"]


class LocationInline(admin.StackedInline):
    model = Location
    extra = 0
    raw_id_fields = ["municipality"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 1
    raw_id_fields = ["source"]


class DemandFigureInline(admin.TabularInline):
    model = DemandFigure
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "service_type", "registry_id", "source", "source_date"]
    list_filter = ["source", "service_type"]
    search_fields = ["name", "registry_id", "organization__name", "organization__ico"]
    raw_id_fields = ["organization", "service_type"]
    filter_horizontal = ["target_groups", "age_groups"]
    autocomplete_fields = []
    exclude = ["area_served"]  # thousands of municipalities: edit through imports
    inlines = [ServiceFormInline, LocationInline, ContactInline, FundingInline, DemandFigureInline]


@admin.register(Capacity)
class CapacityAdmin(admin.ModelAdmin):
    list_display = ["service_form", "count", "capacity_type"]
    raw_id_fields = ["service_form", "capacity_type"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["organization", "service", "status", "submitted_by", "note", "submitted_at", "reviewed_by"]
    list_filter = ["status", "process"]
    raw_id_fields = ["organization", "service", "process", "submitted_by", "reviewed_by"]


@admin.register(OrganizationEditor)
class OrganizationEditorAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "process"]
    raw_id_fields = ["user", "organization", "process"]
