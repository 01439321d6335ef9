"""core.audit.jsonable: how field values enter the audit log."""

from django.db.models.fields.files import FieldFile

from sc389.cases.models import Attachment
from sc389.core.audit import jsonable


def test_an_empty_file_field_is_an_empty_name():
    field = Attachment._meta.get_field("file")
    assert jsonable(FieldFile(None, field, "")) == ""


def test_a_file_field_is_its_stored_name():
    field = Attachment._meta.get_field("file")
    stored = FieldFile(None, field, "attachments/ab/abcdef.pdf")
    assert jsonable(stored) == "attachments/ab/abcdef.pdf"
