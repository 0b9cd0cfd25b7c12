"""Django admin for the demographic data (superusers only): browse and correct; imports go through the importers."""

from django.contrib import admin

from .models import AgeCount, Chapter, DataSource, Observation, PopulationCount, Projection, RateSet, Scenario


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "imported_at", "imported_by", "record_count"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    raw_id_fields = ["imported_by"]
    date_hierarchy = "imported_at"


@admin.register(PopulationCount)
class PopulationCountAdmin(admin.ModelAdmin):
    list_display = ["territory", "year", "total", "men", "women", "mean_age"]
    list_filter = ["year"]
    search_fields = ["territory__name", "territory__code"]
    raw_id_fields = ["territory", "source"]
    list_select_related = ["territory"]


@admin.register(AgeCount)
class AgeCountAdmin(admin.ModelAdmin):
    list_display = ["territory", "year", "sex", "age_from", "age_to", "count"]
    list_filter = ["year", "sex"]
    search_fields = ["territory__name", "territory__code"]
    raw_id_fields = ["territory", "source"]
    list_select_related = ["territory"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["territory", "indicator", "year", "month", "value"]
    list_filter = ["indicator", "year"]
    search_fields = ["territory__name", "territory__code"]
    raw_id_fields = ["territory", "source"]
    list_select_related = ["territory"]


@admin.register(RateSet)
class RateSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "country_code", "updated_at"]
    search_fields = ["code", "name"]
    raw_id_fields = ["source"]


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "process", "rate_set", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    raw_id_fields = ["process", "rate_set"]


@admin.register(Projection)
class ProjectionAdmin(admin.ModelAdmin):
    list_display = ["territory", "scenario", "step", "base_year", "final_year", "base_estimated", "computed_at"]
    list_filter = ["step", "base_estimated"]
    search_fields = ["territory__name", "territory__code"]
    raw_id_fields = ["scenario", "territory"]
    list_select_related = ["territory", "scenario"]
    exclude = ["data"]  # thousands of numbers: read them through the API or the pages


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["process", "generated_at", "updated_at", "updated_by"]
    raw_id_fields = ["process", "updated_by"]
