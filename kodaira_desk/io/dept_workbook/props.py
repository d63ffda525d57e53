"""A returned workbook's own record of its last save: `docProps/core.xml` (`dcterms:modified`,
`cp:lastModifiedBy`, `cp:revision`) and `docProps/app.xml` (`Application`, `AppVersion`), which
Excel and LibreOffice rewrite each time they save (issue 26; domain/save_order.py orders by it).

Parsed through defusedxml (an entity declaration refuses the workbook, as anywhere else in it); a
part that is missing, too large or not XML just gives no stamp: the order is then unknown, which
is never decided silently.
"""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from xml.etree.ElementTree import Element

from kodaira_desk.domain.save_order import SaveStamp

MAX_PART_BYTES = 1024 * 1024
CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_W3CDTF = re.compile(r"^\s*(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?)?\s*"
                     r"(Z|[+-]\d\d:?\d\d)?\s*$")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_NAME_CHARS = 80


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _part(z: zipfile.ZipFile, path: str) -> Element | None:
    """A small XML part, parsed; None when it is missing, too large or not XML."""
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    try:
        info = z.getinfo(path)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        return None
    try:
        root: Element = ET.fromstring(z.read(info))
    except DefusedXmlException:
        raise
    except Exception:  # ParseError, a bad CRC, an odd encoding: no stamp
        return None
    return root


def _targets(z: zipfile.ZipFile) -> dict[str, str]:
    """Relationship type → part, from the package's _rels/.rels (the defaults when it says none)."""
    out = {CORE: "docProps/core.xml", APP: "docProps/app.xml"}
    rels = _part(z, "_rels/.rels")
    if rels is not None:
        for r in rels:
            kind, target = r.get("Type", ""), (r.get("Target") or "").lstrip("/")
            if kind in out and target and ".." not in target:
                out[kind] = target
    return out


def _text(root: Element | None, name: str) -> str:
    if root is None:
        return ""
    for el in root:
        if _local(el.tag) == name:
            return _UNPRINTABLE.sub("", " ".join((el.text or "").split()))[:MAX_NAME_CHARS]
    return ""


def parse_time(text: str) -> datetime | None:
    """A W3CDTF time ("2026-12-01T01:32:15Z", fractions and offsets allowed); a time without a zone
    is taken as UTC; None when it is not one."""
    m = _W3CDTF.match(text or "")
    if not m:
        return None
    y, mo, d, h, mi, s, frac, zone = m.groups()
    try:
        micro = int((frac or "0")[:6].ljust(6, "0"))
        tz = UTC
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            hh, mm = int(zone[1:3]), int(zone[-2:])
            tz = timezone(sign * timedelta(hours=hh, minutes=mm))
        return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), micro, tzinfo=tz)
    except ValueError:
        return None


def _application(app: Element | None) -> str:
    name, version = _text(app, "Application"), _text(app, "AppVersion")
    if name.startswith("LibreOffice/"):  # "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/…"
        return "LibreOffice " + name.split("/", 1)[1].split("$", 1)[0]
    return f"{name} {version}".strip() if version and version not in name else name


def read_stamp(z: zipfile.ZipFile) -> SaveStamp:
    """What the workbook says of its last save (empty fields where it says nothing)."""
    targets = _targets(z)
    core = _part(z, targets[CORE])
    app = _part(z, targets[APP])
    revision = _text(core, "revision")
    return SaveStamp(parse_time(_text(core, "modified")), _text(core, "lastModifiedBy"), _application(app),
                     int(revision) if revision.isdigit() and len(revision) < 10 else None)


__all__ = ["parse_time", "read_stamp"]
