"""Pictures of the XLSX and DOCX exports for docs/exports/: report-xlsx.png and report-docx.png.

The same report as docs/exports/report-pdf.png (Lạng Sơn, 10 months of 2020 against 2019, by force, on the
seeded-like data of tests/reports/outputs/data.py), written by the product's writers, converted to PDF by
LibreOffice and page 1 rendered by pdftoppm. LibreOffice is not a project dependency; install it only on the
machine that makes the pictures:

    apt-get update && apt-get install -y libreoffice-calc libreoffice-writer --no-install-recommends
    .venv/bin/python scripts/export_pictures.py            # writes docs/exports/report-{xlsx,docx}.png

The data goes into a throw-away SQLite file in a temporary directory; nothing else is touched.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "exports"
DPI = "110"


def _fonts_conf(work: Path) -> Path:
    """Fontconfig with the shipped Liberation Serif 2 (Times New Roman's metrics, every Vietnamese letter) next
    to the system fonts: Debian's Liberation 1.07 lacks Ộ, Ủ, ự, and fontconfig prefers the newer version."""
    shipped = ROOT / "src" / "sc389" / "static" / "sc389" / "reports-fonts"
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{shipped}</dir>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <cachedir>{work / 'fontcache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="sc389-pictures-"))
    os.environ["SC389_DATA_DIR"] = str(work)
    os.environ.pop("DATABASE_URL", None)  # the throw-away SQLite file, never a real database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sc389.settings.base")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

    import django

    django.setup()
    from django.core.management import call_command

    from sc389.org import services as org_services
    from sc389.reports import periods
    from sc389.reports.exports.document import document_build
    from sc389.reports.exports.files import write
    from sc389.reports.views_params import area_from_code
    from tests import orgtree
    from tests.reports.outputs.data import seed_langson

    call_command("migrate", verbosity=0)
    org_services.admin_units_load_current()
    org_services.admin_units_load_historic(path=org_services.HISTORIC_2025_CSV)
    tree = orgtree.build()
    seed_langson(tree)
    doc = document_build(
        area=area_from_code("20"),
        period=periods.first_months(2020, 10),
        compare="same-period",
        by="force",
        user=tree.users["leader_national"],
    )
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is not installed (see the docstring).")
    DOCS.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FONTCONFIG_FILE": str(_fonts_conf(work))}
    for fmt in ("xlsx", "docx"):
        source = work / f"report.{fmt}"
        source.write_bytes(write(fmt, doc))
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{work}/lo",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        stem = work / f"report-{fmt}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                DPI,
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(work / "report.pdf"),
                str(stem),
            ],
            check=True,
        )
        shutil.copyfile(f"{stem}.png", DOCS / f"report-{fmt}.png")
        (work / "report.pdf").unlink()
        print(f"docs/exports/report-{fmt}.png")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
