"""The answers of a survey as CSV or XLSX: one row per sent response, one column per answer.

Layout (the same in both formats):

* two header rows: the column codes (``vek``, ``info.urad``, ``info.other_text``, ``spokojenost.cena``) and
  their labels (the question, and the choice or row after a colon);
* first the response: ``id``, ``submitted_at`` (local time), ``channel``, ``version``, ``illustrative`` (1 for a
  generated demo answer);
* then per question: single choice, scale, number, date, municipality → one column (choice codes, ČSÚ
  codes); multiple choice → one column per choice with 1/0 (empty when the question was not answered), and
  for "other" a 1/0 column plus its text; matrix → one column per row; services → the catalogue ids known and
  used, separated by ``;``; free text → the text;
* the codebook (every column, and the label of every code) is the second XLSX sheet and ``kodovnik.csv``.

Contacts are never in these files: they are personal data, exported apart (``contacts_response``) for
people with ``view_personal_data`` only, without response ids, so the two files cannot be joined.

Both exports run in bounded memory: rows come from ``QuerySet.iterator(chunk_size=…)``; CSV is streamed
line by line (``StreamingHttpResponse``), XLSX is written by openpyxl's write-only mode to a temporary
file served with ``FileResponse``.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from komplan.lib.tables import inert_text

from . import definition as qdef
from .analysis import Filters, Labels, analysed_definition, in_group, municipality_names, scale_points
from .definition import OTHER, OTHER_SUFFIX, QuestionType
from .models import RespondentContact, Response, ResponseStatus, Survey

CHUNK = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    value: Callable[[dict], object]  # answers → cell value (None: empty)


def _plain(key: str) -> Callable[[dict], object]:
    def value(answers: dict):
        found = answers.get(key)
        return None if found in (None, "", [], {}) or isinstance(found, dict | list) else found

    return value


def _chose(key: str, choice: str) -> Callable[[dict], object]:
    def value(answers: dict):
        found = answers.get(key)
        if not isinstance(found, list) or not found:
            return None
        return 1 if choice in found else 0

    return value


def _matrix_row(key: str, row: str) -> Callable[[dict], object]:
    def value(answers: dict):
        found = answers.get(key)
        return found.get(row) if isinstance(found, dict) else None

    return value


def _services(key: str, part: str) -> Callable[[dict], object]:
    def value(answers: dict):
        found = answers.get(key)
        ids = found.get(part) if isinstance(found, dict) else None
        return ";".join(str(i) for i in ids) if ids else None

    return value


def _date(key: str) -> Callable[[dict], object]:
    def value(answers: dict):
        found = answers.get(key)
        try:
            return dt.date.fromisoformat(found) if isinstance(found, str) else None
        except ValueError:
            return found

    return value


def question_columns(question: qdef.Question) -> list[Column]:
    key, label = question.key, question.label
    if question.type == QuestionType.MULTIPLE:
        columns = [Column(f"{key}.{c.value}", f"{label}: {c.label}", _chose(key, c.value)) for c in question.choices]
        if question.other:
            columns.append(Column(f"{key}.{OTHER}", f"{label}: {_('Other')}", _chose(key, OTHER)))
            columns.append(Column(f"{key}.other_text", f"{label}: {_('other (text)')}", _plain(key + OTHER_SUFFIX)))
        return columns
    if question.type == QuestionType.MATRIX:
        return [Column(f"{key}.{r.value}", f"{label}: {r.label}", _matrix_row(key, r.value)) for r in question.rows]
    if question.type == QuestionType.SERVICES:
        return [
            Column(f"{key}.known", f"{label}: {_('known (catalogue ids)')}", _services(key, "known")),
            Column(f"{key}.used", f"{label}: {_('used (catalogue ids)')}", _services(key, "used")),
        ]
    if question.type == QuestionType.DATE:
        return [Column(key, label, _date(key))]
    columns = [Column(key, label, _plain(key))]
    if question.type == QuestionType.SINGLE and question.other:
        columns.append(Column(f"{key}.other_text", f"{label}: {_('other (text)')}", _plain(key + OTHER_SUFFIX)))
    return columns


RESPONSE_COLUMNS = ("id", "submitted_at", "channel", "version", "illustrative")


def response_labels() -> list[str]:
    return [_("Response"), _("Sent"), _("Channel"), _("Questionnaire version"), _("Illustrative (1 = demo)")]


def columns_of(definition: qdef.Definition) -> list[Column]:
    return [column for q in definition.questions() if q.answerable for column in question_columns(q)]


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    # Excel has no time zones: local wall-clock time, seconds precision.
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


def rows(survey: Survey, filters: Filters, columns: list[Column]) -> Iterator[list]:
    """The data rows, read in chunks (bounded memory whatever the number of responses)."""
    queryset = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.version:
        queryset = queryset.filter(version__number=filters.version)
    values = queryset.order_by("id").values_list(
        "id", "submitted_at", "channel", "version__number", "is_illustrative", "answers"
    )
    for response_id, submitted, channel, version, illustrative, answers in values.iterator(chunk_size=CHUNK):
        if not in_group(answers, filters.group):
            continue
        row = [response_id, _local(submitted), channel, version, int(illustrative)]
        row.extend(column.value(answers) for column in columns)
        yield row


def codebook(survey: Survey, definition: qdef.Definition) -> tuple[list[str], list[list]]:
    """Every column with its label, and every code a column can hold with its label."""
    header = [_("Column"), _("Label"), _("Question type"), _("Code"), _("Meaning of the code")]
    book: list[list] = [
        [code, label, "", "", ""] for code, label in zip(RESPONSE_COLUMNS, response_labels(), strict=True)
    ]
    labels = Labels(municipality_names(survey), {})
    for question in definition.questions():
        if not question.answerable:
            continue
        for column in question_columns(question):
            book.append([column.code, column.label, question.type, "", ""])
        book.extend(["", "", "", code, meaning] for code, meaning in _codes(question, labels))
    return header, book


def _codes(question: qdef.Question, labels: Labels) -> list[tuple[str, str]]:
    if question.type == QuestionType.SINGLE:
        return [(c.value, c.label) for c in question.choices] + ([(OTHER, _("Other"))] if question.other else [])
    if question.type == QuestionType.MULTIPLE:
        return [("1", _("chosen")), ("0", _("not chosen (question answered)"))]
    if question.type in (QuestionType.SCALE, QuestionType.MATRIX):
        return [(str(point), label) for point, label in scale_points(question)]
    if question.type == QuestionType.MUNICIPALITY:
        return sorted(labels.municipalities.items())
    return []


# --- CSV --------------------------------------------------------------------------------------------------


class _Line:
    """A file-like object that hands back what csv.writer writes, so each row becomes one chunk."""

    def write(self, value: str) -> str:
        return value


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(value).replace(".", ",")  # Excel set to Czech reads a decimal comma
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return inert_text(value)  # respondents' texts must not run as formulas
    return value


def _xlsx_value(value: object) -> object:
    return inert_text(value) if isinstance(value, str) else value


def csv_lines(header_rows: Iterable[list], data: Iterable[list]) -> Iterator[bytes]:
    writer = csv.writer(_Line(), delimiter=";")
    yield "\ufeff".encode()  # BOM: spreadsheet programs then read UTF-8
    for row in header_rows:
        yield writer.writerow([str(cell) for cell in row]).encode("utf-8")
    for row in data:
        yield writer.writerow([_csv_value(cell) for cell in row]).encode("utf-8")


def _headers(definition: qdef.Definition) -> tuple[list[Column], list[list[str]]]:
    columns = columns_of(definition)
    codes = [*RESPONSE_COLUMNS, *(c.code for c in columns)]
    labels = [*response_labels(), *(c.label for c in columns)]
    return columns, [codes, labels]


def _filename(survey: Survey, suffix: str) -> str:
    return f"{survey.process.slug}-{survey.slug}-{suffix}"


def csv_response(survey: Survey, filters: Filters) -> StreamingHttpResponse:
    definition = analysed_definition(survey, filters.version)
    columns, header_rows = _headers(definition)
    response = StreamingHttpResponse(
        csv_lines(header_rows, rows(survey, filters, columns)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "odpovedi.csv")}"'
    return response


def codebook_response(survey: Survey) -> StreamingHttpResponse:
    header, book = codebook(survey, analysed_definition(survey))
    response = StreamingHttpResponse(csv_lines([header], book), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "kodovnik.csv")}"'
    return response


# --- XLSX -------------------------------------------------------------------------------------------------


def write_xlsx(survey: Survey, filters: Filters, target) -> None:
    """The answers sheet and the codebook sheet, written row by row (openpyxl write-only mode) to ``target``."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    definition = analysed_definition(survey, filters.version)
    columns, header_rows = _headers(definition)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Answers")[:31])
    sheet.freeze_panes = "B3"
    bold = Font(bold=True)
    for header in header_rows:
        cells = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=str(text))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    for row in rows(survey, filters, columns):
        sheet.append([_xlsx_value(value) for value in row])
    book_sheet = workbook.create_sheet(_("Codebook")[:31])
    header, book = codebook(survey, definition)
    book_sheet.append(header)
    for line in book:
        book_sheet.append(line)
    workbook.save(target)


def xlsx_response(survey: Survey, filters: Filters) -> FileResponse:
    # An unnamed temporary file: gone from the disk once FileResponse has sent and closed it.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    write_xlsx(survey, filters, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=_filename(survey, "odpovedi.xlsx"), content_type=XLSX_TYPE)


# --- contacts (personal data) -----------------------------------------------------------------------------


def contacts_response(survey: Survey) -> StreamingHttpResponse:
    """Names, e-mails and phones given with consent, sorted by name, without response ids (not joinable)."""
    header = [_("Name"), _("E-mail"), _("Phone"), _("Consent given"), _("Consent text")]
    contacts = (
        RespondentContact.objects.filter(response__survey=survey, response__status=ResponseStatus.SUBMITTED)
        .order_by("name", "email", "phone")
        .values_list("name", "email", "phone", "consented_at", "consent_text")
    )
    data = (
        # The date only: a time to the second would let the contacts be joined to the answers by submission time.
        [name, email, phone, _local(at).date() if at else None, text]
        for name, email, phone, at, text in contacts.iterator(chunk_size=CHUNK)
    )
    response = StreamingHttpResponse(csv_lines([header], data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "kontakty.csv")}"'
    response["Cache-Control"] = "no-store"
    return response
