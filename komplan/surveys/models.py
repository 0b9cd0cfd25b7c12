"""Surveys of a planning process: questionnaires in versions, responses, invitations, contacts kept apart, codes.

A questionnaire is a JSON document per ``SurveyVersion`` (layout in ``definition.py``). The version with
the highest number is the current one; once a version has responses it is frozen, and editing the
questionnaire creates the next version (``services.editable_version``), so every response keeps the version
it was given on.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.territory.models import ProcessOwned


class SurveyKind(models.TextChoices):
    PROVIDERS = "providers", _("survey of providers")
    USERS = "users", _("survey of service users")
    PUBLIC = "public", _("survey of the public")
    MAYORS = "mayors", _("survey of mayors")
    OTHER = "other", _("other survey")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    SCHEDULED = "scheduled", _("opens later")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Survey(ProcessOwned):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=80)
    kind = models.CharField(_("kind"), max_length=12, choices=SurveyKind.choices)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the questions (Markdown)."))
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("A published survey collects answers between its dates.")
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    public_link = models.BooleanField(
        _("public link"), default=True, help_text=_("Anyone with the link may answer (otherwise invitations only).")
    )
    collects_contact = models.BooleanField(
        _("asks for contact details"),
        default=False,
        help_text=_("Contacts are optional, need consent and are stored apart from the answers."),
    )
    consent_text = models.TextField(_("consent text"), blank=True)
    results_public = models.BooleanField(
        _("results are public"),
        default=False,
        help_text=_("Aggregated results on the process site (never raw answers)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [models.UniqueConstraint(fields=["process", "slug"], name="survey_unique_slug")]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if not self.is_published:
            return SurveyStatus.DRAFT
        if self.opens_at and now < self.opens_at:
            return SurveyStatus.SCHEDULED
        if self.closes_at and now >= self.closes_at:
            return SurveyStatus.CLOSED
        return SurveyStatus.OPEN

    def is_open(self, now=None) -> bool:
        return self.status(now) == SurveyStatus.OPEN

    def current_version(self) -> SurveyVersion | None:
        return self.versions.order_by("-number").first()


class SurveyVersion(models.Model):
    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("questionnaire"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("What changed, or where it came from."))

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_version_unique")]
        ordering = ["survey", "number"]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"


class Channel(models.TextChoices):
    WEB = "web", _("web form")
    INVITATION = "invitation", _("invitation link")
    PAPER = "paper", _("paper questionnaire (typed in by staff)")
    API = "api", _("API")


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("saved, not sent")
    SUBMITTED = "submitted", _("sent")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A one-time link for one respondent (a provider's service): answer once, correct until the survey closes."""

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    label = models.CharField(_("for whom"), max_length=250)
    email = models.EmailField(_("e-mail"), blank=True)
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to a survey")
        verbose_name_plural = _("invitations to surveys")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(
        SurveyVersion, verbose_name=_("questionnaire version"), on_delete=models.PROTECT, related_name="responses"
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=ResponseStatus.choices)
    answers = models.JSONField(_("answers"), default=dict)
    resume_token = models.CharField(_("resume token"), max_length=64, unique=True, default=new_token)
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("typed in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Generated demo answer, not a real respondent.")
    )
    # The token of the public form page it was sent from: the same form sent twice (a double click, a browser
    # resending) stores one response.
    form_token = models.CharField(_("form token"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "form_token"], condition=~models.Q(form_token=""), name="response_unique_form_token"
            )
        ]
        ordering = ["survey", "id"]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class RespondentContact(models.Model):
    """Contact details a respondent chose to give, with consent: personal data, kept apart from the answers."""

    response = models.OneToOneField(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="contact"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_text = models.TextField(_("consent given to"))
    consented_at = models.DateTimeField(_("consent given"), default=timezone.now)

    class Meta:
        verbose_name = _("respondent's contact")
        verbose_name_plural = _("respondents' contacts")

    def __str__(self) -> str:
        return self.name or self.email or self.phone


class Code(models.Model):
    """A category staff assign to free-text answers of one question (e.g. "missing day care")."""

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="codes")
    question_key = models.CharField(_("question"), max_length=63)
    label = models.CharField(_("category"), max_length=200)

    class Meta:
        verbose_name = _("answer category")
        verbose_name_plural = _("answer categories")
        constraints = [models.UniqueConstraint(fields=["survey", "question_key", "label"], name="survey_code_unique")]
        ordering = ["question_key", "label"]

    def __str__(self) -> str:
        return self.label


class CodedAnswer(models.Model):
    code = models.ForeignKey(Code, verbose_name=_("category"), on_delete=models.CASCADE, related_name="answers")
    response = models.ForeignKey(Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("categorised answer")
        verbose_name_plural = _("categorised answers")
        constraints = [models.UniqueConstraint(fields=["code", "response"], name="coded_answer_unique")]

    def __str__(self) -> str:
        return f"{self.code} ← #{self.response_id}"
