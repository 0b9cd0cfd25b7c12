"""XLSForm (the ODK / KoboToolbox standard) in and out: the public API for the staff upload and the commands.

    result = import_xlsform("dotaznik.xlsx", content)     # never raises for bad input
    if result.ok:
        create_survey(process, title=result.title, kind=…, definition=result.definition)
    else:
        show(result.problems)                              # Problem(sheet, row, column, message); str() reads well
    show(result.unsupported, result.notes)                 # what was not carried over / what was changed

    content = export_xlsform(definition, title, ExportContext(municipalities=…, services=…))

The mapping is documented in docs/surveys-xlsform.md; the parts live in xlsform_import (reading and checks),
xlsform_convert (elements → questions), xlsform_expressions (relevant / constraint) and xlsform_export.
"""

from .xlsform_common import Problem
from .xlsform_export import ExportContext, export_xlsform
from .xlsform_import import ImportResult, import_xlsform

__all__ = ["ExportContext", "ImportResult", "Problem", "export_xlsform", "import_xlsform"]
