from django.contrib import admin

from .models import Phase, PlanningProcess, Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "population"]
    list_filter = ["level", "kraj"]
    search_fields = ["name", "code"]
    raw_id_fields = ["kraj", "okres", "orp", "pou"]

    def has_delete_permission(self, request, obj=None):
        return False  # territories come from the ČSÚ codelists (komplan load-territories)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["kind", "status", "planned_start", "planned_end", "actual_start", "actual_end"]
    readonly_fields = ["kind"]
    can_delete = False


@admin.register(PlanningProcess)
class PlanningProcessAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area_kind", "period_start", "period_end", "is_public"]
    list_filter = ["is_public", "area_kind"]
    search_fields = ["name", "slug"]
    raw_id_fields = ["area_orp", "responsible_municipality"]
    filter_horizontal = ["municipalities"]
    inlines = [PhaseInline]
