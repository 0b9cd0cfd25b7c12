"""Open Referral HSDS 3.0 for the catalogue of services: the entry points (the Czech profile: docs/hsds.md).

* ``catalogue_datapackage_zip(services)`` — the public tabular package (ZIP bytes) of a catalogue,
  served at ``/api/v1/processes/{slug}/catalogue.hsds.zip``; no named contact persons.
* ``build_export(services, include_contacts=False)`` — the rows, nested JSON objects
  (``service_object``…, ``to_json``) and files (``datapackage_zip``, ``write_datapackage``).
* ``import_hsds(path_or_zip_bytes, dry_run=False)`` — check every row, then write all or nothing;
  ``import_hsds_upload(name, content, dry_run=False)`` for the staff upload (``import_kinds``).

Modules: ``hsds_tables`` (the HSDS 3.0 tabular schema), ``hsds_profile`` (ids, taxonomies, canonical
form), ``hsds_export``, ``hsds_package`` (reading a directory or ZIP), ``hsds_plan`` (checking),
``hsds_write`` (matching and writing), ``hsds_import`` (the report and the entry point).
"""

from .hsds_export import HsdsExport, build_export, catalogue_datapackage_zip, export_json_bytes
from .hsds_import import HsdsPackageError, HsdsReport, Problem, import_hsds, import_hsds_upload

__all__ = [
    "HsdsExport",
    "HsdsPackageError",
    "HsdsReport",
    "Problem",
    "build_export",
    "catalogue_datapackage_zip",
    "export_json_bytes",
    "import_hsds",
    "import_hsds_upload",
]
