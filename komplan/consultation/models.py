"""The public comment period on a plan version (připomínkové řízení) and the settlement of its comments.

A ``Consultation`` hangs on a frozen ``plan.Version`` in the ``comment`` state (komplan.plan never imports this
app). Every comment — from the web form, the API or entered by staff from paper, post or e-mail — is a ``Comment``
with a unique human reference number ("KP-2007-003"), anchored to the whole plan, a chapter (its key in the
version's snapshot) or one paragraph (its stable id). Evaluations are never overwritten: each decision is an
``Evaluation`` row and the latest one is the comment's current state (``Comment.evaluation`` points at it), so
evaluating twice keeps the history of both decisions.

Personal data of a commenter (name, e-mail, phone, organisation) stays on the comment and is shown only to
members with ``evaluate_comments``/``view_personal_data``; the name is published only when ``publish_name`` was
agreed. ``anonymised_at`` records that the personal fields were erased (on request or after the retention period
the coordinator set); the text, anchor, channel, dates and evaluation stay, so the settlement keeps its counts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.plan.models import Version, VersionState


class ContactRule(models.TextChoices):
    ANONYMOUS = "anonymous", _("comments may be anonymous")
    NAME = "name", _("a name is required")
    NAME_AND_CONTACT = "name_contact", _("a name and an e-mail or postal contact are required")


class Consultation(models.Model):
    """One comment period on one version for public comments."""

    version = models.OneToOneField(
        Version,
        verbose_name=_("plan version"),
        on_delete=models.PROTECT,
        related_name="consultation",
        limit_choices_to={"state": VersionState.COMMENT},
    )
    opens_on = models.DateField(_("comments from"))
    closes_on = models.DateField(_("comments until"), help_text=_("The last day on which comments are accepted."))
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown shown above the form."))
    contact_rule = models.CharField(
        _("who may comment"), max_length=12, choices=ContactRule.choices, default=ContactRule.NAME_AND_CONTACT
    )
    max_length = models.PositiveIntegerField(_("maximum length of a comment (characters)"), default=5000)
    retention_days = models.PositiveIntegerField(
        _("keep commenters' personal data for (days after the settlement is published)"), default=365
    )
    reference_prefix = models.CharField(_("prefix of reference numbers"), max_length=12, default="KP")
    next_number = models.PositiveIntegerField(_("next reference number"), default=1, editable=False)
    settlement_published_at = models.DateTimeField(_("settlement published"), null=True, blank=True)
    settlement_introduction = models.TextField(_("introduction of the settlement"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("comment period")
        verbose_name_plural = _("comment periods")
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="consultation_dates")
        ]

    def __str__(self) -> str:
        return f"{self.version.plan.title}: {self.opens_on:%-d. %-m. %Y} – {self.closes_on:%-d. %-m. %Y}"

    @property
    def process(self):
        return self.version.plan.process

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class Channel(models.TextChoices):
    WEB = "web", _("web form")
    API = "api", _("API")
    PAPER = "paper", _("on paper, handed in")
    POST = "post", _("by post")
    EMAIL = "email", _("by e-mail")
    MEETING = "meeting", _("at a public meeting")


class Relevance(models.TextChoices):
    RELEVANT = "relevant", _("relevant")
    NOT_RELEVANT = "not_relevant", _("not relevant")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    PARTLY = "partly", _("partly accepted")
    NOT_ACCEPTED = "not_accepted", _("not accepted")
    OTHERWISE = "otherwise", _("taken into account otherwise")


def scan_path(instance: Comment, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consultation/{instance.consultation_id}/{uuid.uuid4().hex}.{suffix}"


class Comment(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("comment period"), on_delete=models.CASCADE, related_name="comments"
    )
    reference = models.CharField(_("reference number"), max_length=30, unique=True)
    chapter_key = models.CharField(_("chapter"), max_length=40, blank=True, help_text=_("Empty: a general comment."))
    paragraph_id = models.CharField(_("paragraph"), max_length=16, blank=True)
    text = models.TextField(_("comment"))
    channel = models.CharField(_("received"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    received_on = models.DateField(_("date received"), default=timezone.localdate)
    submitted_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    scan = models.FileField(_("scan of the letter"), upload_to=scan_path, max_length=200, blank=True)
    # personal data (see the module docstring)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.CharField(_("postal address"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    publish_name = models.BooleanField(_("the name may be published in the settlement"), default=False)
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    notified_at = models.DateTimeField(_("told about the settlement"), null=True, blank=True)
    # moderation: the record stays, the text is not shown publicly
    hidden = models.BooleanField(_("text hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    evaluation = models.OneToOneField(
        "Evaluation",
        verbose_name=_("current evaluation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["consultation", "submitted_at", "pk"]
        indexes = [models.Index(fields=["consultation", "submitted_at"])]

    def __str__(self) -> str:
        return self.reference


class Evaluation(models.Model):
    """One decision on a comment; a later one supersedes it (the comment points at the latest)."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="evaluations"
    )
    relevance = models.CharField(_("relevance"), max_length=12, choices=Relevance.choices)
    relevance_reason = models.CharField(
        _("why it is not relevant"),
        max_length=500,
        blank=True,
        help_text=_("For example: it does not concern the plan."),
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    answer = models.TextField(_("answer"))
    changed_paragraphs = models.JSONField(
        _("paragraphs changed in the next version"), default=list, blank=True, help_text=_("Paragraph ids.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation of a comment")
        verbose_name_plural = _("evaluations of comments")
        ordering = ["comment", "-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(relevance="not_relevant", decision="")
                | models.Q(relevance="relevant") & ~models.Q(decision=""),
                name="evaluation_decision_follows_relevance",
            )
        ]

    def __str__(self) -> str:
        return f"{self.comment}: {self.get_relevance_display()}"


class SubmissionLog(models.Model):
    """Rate limiting of public submissions: a salted hash of the sender's address and the time, nothing else;
    rows older than a day are deleted when new ones are written."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    address_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.consultation_id} {self.at:%Y-%m-%d %H:%M}"
