"""Import an HSDS data package (3.0 as komplan exports it, or 1.1) into the catalogue: check, then write.

Every row is checked before anything is written: a problem names the file, the line, the field and
the reason, and any problem leaves the database untouched (all or nothing, like every komplan
import). Rows that are valid HSDS but have no place in komplan (schedules of a location, free-text
funding, taxonomies outside the Czech profile) are listed as *skipped*, not rejected.

Records are matched (upserted) by IČO and registry identifier, else by the HSDS id an earlier
import of a foreign package recorded in ``source_detail``, else by name (providers without IČO;
services of the same provider without a registry id) — see ``hsds_write``. A record equal to what
is stored is reported unchanged and not touched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from komplan.territory.models import Territory

from .hsds_package import HsdsPackageError, Problem, read_package
from .hsds_plan import Planner
from .hsds_write import write_plans
from .models import CodelistItem

__all__ = ["HsdsPackageError", "HsdsReport", "Problem", "import_hsds", "import_hsds_upload"]


@dataclass
class HsdsReport:
    package: str
    version: str
    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: {"service": Counter(), "organization": Counter()})
    rejected: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)

    created = property(lambda self: sum(c["created"] for c in self.counts.values()))
    updated = property(lambda self: sum(c["updated"] for c in self.counts.values()))
    unchanged = property(lambda self: sum(c["unchanged"] for c in self.counts.values()))

    def summary(self) -> str:
        parts = [
            f"{label}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for label, c in (("services", self.counts["service"]), ("providers", self.counts["organization"]))
        ]
        return "; ".join(parts) + f"; {len(self.rejected)} rejected, {len(self.skipped)} skipped"


def import_hsds(source: Path | str | bytes, *, name: str = "", dry_run: bool = False) -> HsdsReport:
    """Check every row of the package, then (unless ``dry_run`` or a row was rejected) write it all at once."""
    package = read_package(source, name=name)
    if not CodelistItem.objects.exists():
        raise HsdsPackageError("the MPSV codelists are not loaded; run `komplan load-codelists` first")
    if not Territory.objects.filter(level="municipality").exists():
        raise HsdsPackageError("the municipalities are not loaded; run `komplan load-territories` first")
    planner = Planner(package)
    organizations, services = planner.plan()
    report = HsdsReport(package.name, package.version, dry_run, rejected=planner.rejected, skipped=planner.skipped)
    if not report.rejected:
        write_plans(organizations, services, report)
    report.rejected.sort(key=lambda p: (p.file, p.line or 0))
    return report


def import_hsds_upload(name: str, content: bytes, *, dry_run: bool = False) -> HsdsReport:
    """The staff-upload form of ``import_hsds`` (see ``import_kinds``): a ZIP's name and bytes."""
    return import_hsds(content, name=name, dry_run=dry_run)
