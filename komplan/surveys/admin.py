"""Django admin of surveys, for komplan administrators. Answers and respondents' contacts are read-only
here: they change only through the collection channels, and contacts are personal data."""

from django.contrib import admin

from .models import Code, CodedAnswer, Invitation, RespondentContact, Response, Survey, SurveyVersion


class SurveyVersionInline(admin.TabularInline):
    model = SurveyVersion
    extra = 0
    fields = ["number", "created_at", "created_by", "note"]
    readonly_fields = ["number", "created_at", "created_by"]
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "process", "kind", "is_published", "opens_at", "closes_at"]
    list_filter = ["kind", "is_published", "process"]
    search_fields = ["title", "slug"]
    raw_id_fields = ["process", "created_by"]
    inlines = [SurveyVersionInline]


@admin.register(SurveyVersion)
class SurveyVersionAdmin(admin.ModelAdmin):
    list_display = ["survey", "number", "created_at", "note"]
    search_fields = ["survey__title"]
    raw_id_fields = ["survey", "created_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["label", "survey", "email", "sent_at"]
    search_fields = ["label", "email"]
    raw_id_fields = ["survey", "organization", "service"]
    exclude = ["token"]  # the personal link stays out of screens


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["pk", "survey", "version", "channel", "status", "submitted_at", "is_illustrative"]
    list_filter = ["channel", "status", "is_illustrative"]
    raw_id_fields = ["survey", "version", "invitation", "entered_by"]
    exclude = ["resume_token"]
    readonly_fields = ["answers"]


@admin.register(RespondentContact)
class RespondentContactAdmin(admin.ModelAdmin):
    list_display = ["response", "consented_at"]
    raw_id_fields = ["response"]


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    list_display = ["label", "survey", "question_key"]
    raw_id_fields = ["survey"]


@admin.register(CodedAnswer)
class CodedAnswerAdmin(admin.ModelAdmin):
    list_display = ["code", "response"]
    raw_id_fields = ["code", "response"]
