"""Django admin of the strategy, for komplan administrators (everyday work happens on the staff pages)."""

from django.contrib import admin

from .models import Activity, ActivitySheet, Measure, Priority, SheetCall, SheetLog


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "process", "order"]
    list_filter = ["process"]
    search_fields = ["title"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "priority", "order"]
    search_fields = ["title"]
    raw_id_fields = ["priority"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "measure", "order", "version", "updated_at"]
    search_fields = ["title"]
    raw_id_fields = ["measure", "responsible_body", "updated_by"]
    filter_horizontal = ["planning_groups", "target_groups"]


class SheetLogInline(admin.TabularInline):
    model = SheetLog
    extra = 0
    fields = ["at", "by", "from_state", "to_state", "comment"]
    readonly_fields = fields


@admin.register(ActivitySheet)
class ActivitySheetAdmin(admin.ModelAdmin):
    list_display = ["title", "process", "state", "stage", "submitted_at"]
    list_filter = ["state", "stage", "process"]
    search_fields = ["title", "proposer_organisation"]
    raw_id_fields = ["process", "proposer", "responsible_body", "activity"]
    readonly_fields = ["state"]  # the workflow changes only through the inbox, which logs every step
    filter_horizontal = ["planning_groups", "target_groups"]
    inlines = [SheetLogInline]


@admin.register(SheetCall)
class SheetCallAdmin(admin.ModelAdmin):
    list_display = ["process", "opens", "closes"]
    raw_id_fields = ["process"]
