"""The catalogue of social services, aligned with Open Referral HSDS 3 with a Czech profile.

Codelists (types, forms, capacity units, target and age groups, legal forms, funding sources)
are data: one table keyed by codelist and MPSV code, with validity dates. Organisations and
services are shared by all processes of the instance; a process's catalogue is every service
that serves a municipality of its planning area (see querysets.py).

Capacity is registered per form and per unit; capacities of different forms or units are
never added up.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from komplan.territory.models import Territory

from .querysets import CodelistQuerySet, ServiceQuerySet


class Codelist(models.TextChoices):
    SERVICE_TYPE = "DruhSocialniSluzby", _("type of social service")
    SERVICE_FORM = "FormaSocialniSluzby", _("form of provision")
    CAPACITY_TYPE = "TypKapacitySocialniSluzby", _("capacity unit")
    TARGET_GROUP = "CilovaSkupinaOsoby", _("target group")
    AGE_GROUP = "VekovaSkupinaOsoby", _("age group")
    LEGAL_FORM = "FormaPravniSubjektivity", _("legal form")
    FUNDING_SOURCE = "ZdrojFinancovani", _("funding source")


class CodelistItem(models.Model):
    codelist = models.CharField(_("codelist"), max_length=40, choices=Codelist.choices)
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, blank=True)
    mpsv_id = models.PositiveIntegerField(_("MPSV identifier"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)

    objects = CodelistQuerySet.as_manager()

    class Meta:
        verbose_name = _("codelist item")
        verbose_name_plural = _("codelist items")
        ordering = ["codelist", "name"]
        constraints = [models.UniqueConstraint(fields=["codelist", "code"], name="codelist_unique_code")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language (the official Czech name when there is no English one)."""
        return self.name_en if translation.get_language() == "en" and self.name_en else self.name

    def _unit_forms(self) -> list[str]:
        key = "unit_en" if translation.get_language() == "en" else "unit_cs"
        return (self.attributes.get(key) or self.attributes.get("unit_cs", "")).split("|")

    @property
    def unit(self) -> str:
        """For capacity types: the unit a number of this type is counted in (the plural of "many")."""
        return self._unit_forms()[-1]

    def unit_for(self, count: int) -> str:
        """The unit in the grammatical form for ``count``: 1 lůžko, 2 lůžka, 5 lůžek (1 bed, 2 beds)."""
        forms = self._unit_forms()
        if len(forms) == 3:  # Czech: one / two to four / five and more (and zero)
            index = 0 if count == 1 else 1 if 2 <= count <= 4 else 2
        else:
            index = 0 if count == 1 else len(forms) - 1
        return forms[index]

    @property
    def reference(self) -> str:
        """The register's way to refer to the item, e.g. ``DruhSocialniSluzby/13``."""
        return f"{self.codelist}/{self.code}"


ICO_VALIDATOR = RegexValidator(r"^\d{8}$", _("An IČO has exactly 8 digits."))


class Source(models.TextChoices):
    REGISTRY = "registry", _("MPSV register of social services")
    HSDS = "hsds", _("Open Referral HSDS data package")
    SPREADSHEET = "spreadsheet", _("spreadsheet import")
    LOCAL_GUIDE = "local_guide", _("local guide of the municipality")
    MANUAL = "manual", _("entered in komplan")
    SURVEY = "survey", _("provider's answer to a survey")
    ILLUSTRATIVE = "illustrative", _("illustrative demo record")


class Provenance(models.Model):
    """Where a record comes from and when it was last confirmed; shown on every record."""

    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_detail = models.CharField(_("source detail"), max_length=300, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        abstract = True

    @property
    def is_illustrative(self) -> bool:
        return self.source == Source.ILLUSTRATIVE


class Address(models.Model):
    """A RÚIAN-style address; the municipality is a territory (by ČSÚ code), never a name."""

    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    orientation_number = models.CharField(_("orientation number"), max_length=20, blank=True)
    municipality_part = models.CharField(_("part of municipality"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Territory,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "municipality"},
    )
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    address_point = models.PositiveBigIntegerField(_("RÚIAN address point"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def address_line(self) -> str:
        number = "/".join(n for n in (self.house_number, self.orientation_number) if n)
        street = " ".join(p for p in (self.street or self.municipality_part, number) if p)
        place = " ".join(p for p in (self.postcode, self.municipality.name if self.municipality else "") if p)
        return ", ".join(p for p in (street, place) if p)


class Organization(Provenance, Address):
    name = models.CharField(_("name"), max_length=300)
    ico = models.CharField(_("IČO"), max_length=8, blank=True, validators=[ICO_VALIDATOR])
    legal_form = models.ForeignKey(
        CodelistItem,
        verbose_name=_("legal form"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.LEGAL_FORM},
    )
    description = models.TextField(_("description"), blank=True)
    web = models.URLField(_("web"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ico"], condition=~models.Q(ico=""), name="organization_unique_ico")
        ]

    def __str__(self) -> str:
        return f"{self.name} (IČO {self.ico})" if self.ico else self.name


class Service(Provenance):
    organization = models.ForeignKey(
        Organization, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="services"
    )
    registry_id = models.CharField(
        _("registry identifier"),
        max_length=20,
        blank=True,
        help_text=_("The identifier (identifikátor) of the service in the MPSV register."),
    )
    portal_id = models.PositiveIntegerField(
        _("register portal id"),
        null=True,
        blank=True,
        help_text=_(
            "The portalId of the registration in the MPSV register's open data; derived catalogues "
            "(e.g. “mpsv-1234”) refer to services by it."
        ),
    )
    name = models.CharField(_("name"), max_length=300)
    service_type = models.ForeignKey(
        CodelistItem,
        verbose_name=_("type of social service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.SERVICE_TYPE},
    )
    description = models.TextField(_("description"), blank=True)
    target_groups = models.ManyToManyField(
        CodelistItem,
        verbose_name=_("target groups"),
        blank=True,
        related_name="+",
        limit_choices_to={"codelist": Codelist.TARGET_GROUP},
    )
    age_groups = models.ManyToManyField(
        CodelistItem,
        verbose_name=_("age groups"),
        blank=True,
        related_name="+",
        limit_choices_to={"codelist": Codelist.AGE_GROUP},
    )
    age_note = models.CharField(_("age groups, more detail"), max_length=500, blank=True)
    area_served = models.ManyToManyField(
        Territory,
        verbose_name=_("municipalities served"),
        blank=True,
        related_name="+",
        limit_choices_to={"level": "municipality"},
    )
    fees = models.TextField(_("fees"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    how_to_get = models.TextField(_("how to get the service"), blank=True)
    in_regional_network = models.BooleanField(_("in the regional network"), null=True, blank=True)
    provided_from = models.DateField(_("provided from"), null=True, blank=True)
    provided_to = models.DateField(_("provided to"), null=True, blank=True)
    web = models.URLField(_("web"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    search_text = models.TextField(editable=False, blank=True)  # folded (no case, no diacritics) for search

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("social service")
        verbose_name_plural = _("social services")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["registry_id"], condition=~models.Q(registry_id=""), name="service_unique_registry_id"
            ),
            models.UniqueConstraint(
                fields=["portal_id"], condition=models.Q(portal_id__isnull=False), name="service_unique_portal_id"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceForm(models.Model):
    """One form of provision of a service, with its own registered capacities."""

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="forms")
    form = models.ForeignKey(
        CodelistItem,
        verbose_name=_("form"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.SERVICE_FORM},
    )
    continuous = models.BooleanField(_("continuous (24/7) provision"), null=True, blank=True)
    hours = models.TextField(_("hours of provision"), blank=True)

    class Meta:
        verbose_name = _("form of a service")
        verbose_name_plural = _("forms of services")
        constraints = [models.UniqueConstraint(fields=["service", "form"], name="service_form_unique")]

    def __str__(self) -> str:
        return f"{self.service}: {self.form}"


class Capacity(models.Model):
    """Registered maximum capacity of one form in one unit — not free places."""

    service_form = models.ForeignKey(
        ServiceForm, verbose_name=_("form of a service"), on_delete=models.CASCADE, related_name="capacities"
    )
    capacity_type = models.ForeignKey(
        CodelistItem,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.CAPACITY_TYPE},
    )
    count = models.PositiveIntegerField(_("registered capacity"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        constraints = [
            models.UniqueConstraint(fields=["service_form", "capacity_type"], name="capacity_unique_unit_per_form")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The number with its unit in the right form, e.g. "32 lůžek", "2 klienti"."""
        from django.utils import formats

        return f"{formats.number_format(self.count, force_grouping=True)} {self.capacity_type.unit_for(self.count)}"


class Location(Address):
    """A place where a service is provided (zařízení): an address, optionally with GPS."""

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name or self.address_line


class Contact(models.Model):
    """A named contact person of a service (personal data: shown publicly only when published as such)."""

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class Funding(models.Model):
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990)])
    source = models.ForeignKey(
        CodelistItem,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.FUNDING_SOURCE},
    )
    amount = models.DecimalField(_("amount (CZK)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["-year", "source"]
        constraints = [models.UniqueConstraint(fields=["service", "year", "source"], name="funding_unique_source_year")]

    def __str__(self) -> str:
        return f"{self.service} {self.year}: {self.source}"


class DemandFigure(models.Model):
    """Unmet demand a service reports for one year: its waiting list and the applicants it refused for lack of
    capacity (a legal refusal ground, § 91(3) of Act 108/2006). Internal evidence for the needs analysis, not shown
    on the public catalogue: the figures are the provider's own and often estimates."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="demand_figures"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990)])
    waiting_list = models.PositiveIntegerField(
        _("people on the waiting list"), null=True, blank=True, help_text=_("At the reference date of the year.")
    )
    refused_capacity = models.PositiveIntegerField(
        _("applicants refused for lack of capacity"), null=True, blank=True, help_text=_("During the year.")
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_detail = models.CharField(_("source detail"), max_length=300, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)

    class Meta:
        verbose_name = _("waiting list and refusals")
        verbose_name_plural = _("waiting lists and refusals")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["service", "year"], name="demand_figure_unique_year")]

    def __str__(self) -> str:
        return f"{self.service} {self.year}"


from .review import ChangeRequest, OrganizationEditor  # noqa: E402,F401 - models of provider self-service
