from django.contrib import admin

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["key", "title_cs", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]
