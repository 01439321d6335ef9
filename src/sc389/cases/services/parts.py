import hashlib
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from sc389.core import audit, softdelete
from sc389.core.errors import DomainError

from ..errors import CaseErrorCode
from ..models import Attachment, Case, GoodsLine, Party
from .common import ensure_can_write, ensure_version, touch

# Decisions and records arrive as PDF or Word; photos as JPEG, PNG or WebP. Checked by the file's first bytes.
ALLOWED_ATTACHMENTS = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/webp": (b"RIFF",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
}


def _locked(case: Case, actor) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    ensure_can_write(actor, case)
    return case


@transaction.atomic
def goods_line_add(*, case: Case, actor, **fields: Any) -> GoodsLine:
    case = _locked(case, actor)
    line = GoodsLine(case=case, **fields)
    line.full_clean()
    line.save()
    touch(case)
    audit.record(
        actor=actor, verb="case.goods_added", target=case, changes=audit.diff({}, audit.snapshot(line))
    )
    return line


@transaction.atomic
def goods_line_remove(*, line: GoodsLine, actor, reason: str) -> None:
    """Remove a goods line with a reason: a soft delete an administrator can undo; it stops counting at once."""
    case = _locked(line.case, actor)
    line = GoodsLine.objects.select_for_update().get(pk=line.pk)
    before = audit.snapshot(line)
    data = softdelete.mark_deleted(line, actor=actor, reason=reason)
    touch(case)
    audit.record(
        actor=actor,
        verb="case.goods_removed",
        target=case,
        changes=audit.diff(before, {}),
        data={"goods_line": line.pk, **data},
    )


@transaction.atomic
def party_add(*, case: Case, actor, **fields: Any) -> Party:
    """Add a person, company, vehicle, account or phone; identifiers are checked (CCCD against birth year and sex)."""
    case = _locked(case, actor)
    party = Party(case=case, **fields)
    party.full_clean()
    party.save()
    touch(case)
    audit.record(
        actor=actor, verb="case.party_added", target=case, changes=audit.diff({}, audit.snapshot(party))
    )
    return party


@transaction.atomic
def goods_line_update(
    *, line: GoodsLine, actor, expected_version: int | None = None, **changes: Any
) -> GoodsLine:
    """Correct a goods line; a change based on an old read of the case is refused (409), as for the case."""
    case = _locked(line.case, actor)
    ensure_version(case, expected_version)
    line = GoodsLine.objects.get(pk=line.pk)
    before = audit.snapshot(line)
    for name, value in changes.items():
        setattr(line, name, value)
    line.full_clean()
    line.save()
    touch(case)
    audit.record(
        actor=actor,
        verb="case.goods_updated",
        target=case,
        changes=audit.diff(before, audit.snapshot(line)),
        data={"goods_line": line.pk},
    )
    return line


@transaction.atomic
def party_update(*, party: Party, actor, expected_version: int | None = None, **changes: Any) -> Party:
    case = _locked(party.case, actor)
    ensure_version(case, expected_version)
    before = audit.snapshot(party)
    for name, value in changes.items():
        setattr(party, name, value)
    party.full_clean()
    party.save()
    touch(case)
    audit.record(
        actor=actor,
        verb="case.party_updated",
        target=case,
        changes=audit.diff(before, audit.snapshot(party)),
        data={"party": party.pk},
    )
    return party


@transaction.atomic
def party_remove(*, party: Party, actor, reason: str) -> None:
    """Remove a party with a reason (soft delete, restorable by an administrator)."""
    case = _locked(party.case, actor)
    party = Party.objects.select_for_update().get(pk=party.pk)
    before = audit.snapshot(party)
    data = softdelete.mark_deleted(party, actor=actor, reason=reason)
    touch(case)
    audit.record(
        actor=actor,
        verb="case.party_removed",
        target=case,
        changes=audit.diff(before, {}),
        data={"party": party.pk, **data},
    )


def check_upload(upload: UploadedFile) -> str:
    """The content type the file really is; refuses what is too large or not an allowed kind."""
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise DomainError(
            CaseErrorCode.BAD_ATTACHMENT,
            _("Tệp %(name)s lớn hơn giới hạn %(limit)s MB.")
            % {"name": upload.name, "limit": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    head = upload.read(16)
    upload.seek(0)
    for content_type, magics in ALLOWED_ATTACHMENTS.items():
        if any(head.startswith(m) for m in magics):
            if content_type == "image/webp" and head[8:12] != b"WEBP":
                continue
            return content_type
    raise DomainError(
        CaseErrorCode.BAD_ATTACHMENT,
        _("Tệp %(name)s không phải ảnh (JPEG, PNG, WebP), PDF hoặc DOCX.") % {"name": upload.name},
        field="file",
    )


def upload_sha256(upload: UploadedFile) -> str:
    """The file's SHA-256 (files are stored under it), read in chunks; the upload is rewound for saving."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def attachment_add(*, case: Case, actor, upload: UploadedFile, kind: str) -> Attachment:
    case = _locked(case, actor)
    content_type = check_upload(upload)
    attachment = Attachment(
        case=case,
        kind=kind,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        sha256=upload_sha256(upload),
        uploaded_by=actor,
    )
    attachment.full_clean(exclude=["file"])
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    touch(case)
    audit.record(
        actor=actor,
        verb="case.attachment_added",
        target=case,
        data={"attachment": attachment.pk, "name": attachment.original_name, "sha256": attachment.sha256},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor, reason: str) -> None:
    """Remove an attachment with a reason: it no longer shows nor downloads, but the file stays on disk (never
    purged), so an administrator's restore brings it back as it was."""
    case = _locked(attachment.case, actor)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    data = softdelete.mark_deleted(attachment, actor=actor, reason=reason)
    touch(case)
    audit.record(
        actor=actor,
        verb="case.attachment_removed",
        target=case,
        data={
            "attachment": attachment.pk,
            "name": attachment.original_name,
            "sha256": attachment.sha256,
            **data,
        },
    )
