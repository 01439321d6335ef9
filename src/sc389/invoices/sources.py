"""The XML documents under a path: one file, a folder (recursively) or a zip archive, with safety limits.

Limits (settings, with these defaults): INVOICES_MAX_FILE_BYTES 5 MB per XML document; for a zip archive
INVOICES_ZIP_MAX_ENTRIES 500,000 entries, INVOICES_ZIP_MAX_TOTAL_BYTES 8 GiB uncompressed in all and
INVOICES_ZIP_MAX_RATIO 200 (uncompressed/compressed per entry; an XML invoice compresses about 5-15x).
Declared sizes can lie, so an entry is read at most to its limit plus one byte.
"""

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass
class Document:
    name: str  # the path, or "archive.zip!entry.xml"
    data: bytes | None  # None when refused before reading
    refusal: str = ""


def limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def documents(path: Path) -> Iterator[Document]:
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix.lower() in (".xml", ".zip"):
                yield from documents(p)
    elif zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        yield from _zip(path)
    else:
        yield _file(path)


def _file(path: Path) -> Document:
    max_bytes = limit("INVOICES_MAX_FILE_BYTES", 5_000_000)
    size = path.stat().st_size
    if size > max_bytes:
        return Document(str(path), None, f"tệp {size} byte vượt giới hạn {max_bytes} byte")
    return Document(str(path), path.read_bytes())


def _zip(path: Path) -> Iterator[Document]:
    max_bytes = limit("INVOICES_MAX_FILE_BYTES", 5_000_000)
    max_entries = limit("INVOICES_ZIP_MAX_ENTRIES", 500_000)
    max_total = limit("INVOICES_ZIP_MAX_TOTAL_BYTES", 8 * 2**30)
    max_ratio = limit("INVOICES_ZIP_MAX_RATIO", 200)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Document(str(path), None, f"tệp zip hỏng: {exc}")
        return
    with zf:
        entries = [i for i in zf.infolist() if not i.is_dir()]
        total = sum(i.file_size for i in entries)
        # Whole-archive checks come first: nothing of a bomb is read.
        if len(entries) > max_entries:
            yield Document(str(path), None, f"tệp zip có {len(entries)} mục, vượt giới hạn {max_entries}")
            return
        if total > max_total:
            yield Document(str(path), None, f"tệp zip giải nén ra {total} byte, vượt giới hạn {max_total}")
            return
        for info in entries:
            name = f"{path}!{info.filename}"
            if info.filename.lower().endswith(".zip"):
                yield Document(name, None, "không mở tệp zip lồng trong tệp zip")
                continue
            if info.file_size > max_bytes:
                yield Document(name, None, f"mục {info.file_size} byte vượt giới hạn {max_bytes} byte")
                continue
            if info.compress_size and info.file_size / info.compress_size > max_ratio:
                ratio = info.file_size // info.compress_size
                yield Document(name, None, f"tỉ lệ nén {ratio}:1 vượt giới hạn {max_ratio}:1 (nghi zip bomb)")
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(max_bytes + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:  # CRC error, encrypted entry
                yield Document(name, None, f"không đọc được mục: {exc}")
                continue
            if len(data) > max_bytes:
                yield Document(
                    name, None, f"mục giải nén vượt giới hạn {max_bytes} byte (kích thước khai sai)"
                )
                continue
            yield Document(name, data)
