"""Helpers for the workbook round: hand workbooks out, edit them as a clerk would in Excel, rewrite
their XML as other programs write it."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import openpyxl

from kodaira_desk.cli import main

INDICATORS = "成果指標"
MEASURES = "実施状況"
HEADER_ROW = 3


def hand_out(db_path: Path, out: Path, departments: list[str], fmt: str = "xlsx") -> dict[str, Path]:
    """Hand out through the command line; department → its workbook (or .kdesk when fmt='kdesk')."""
    args = ["--db", str(db_path), "handout", "--year", "R2", "--out", str(out), "--format", fmt]
    for d in departments:
        args += ["--department", d]
    assert main(args) == 0
    suffix = ".kdesk" if fmt == "kdesk" else ".xlsx"
    return {p.stem.split("_")[2]: p for p in out.glob(f"*{suffix}")}


def find_cell(ws: object, row_label: str, header: str) -> str:
    """The coordinate of the cell in the row whose 成果指標/施策 column says `row_label`, under the
    heading `header` (the first column with that heading)."""
    rows = list(ws.iter_rows(min_row=1, values_only=False))  # type: ignore[attr-defined]
    head = None
    for row in rows:
        # a head may be broken in two lines where it reads (令和2年度／実績)
        values = [c.value.replace("\n", " ") if isinstance(c.value, str) else c.value for c in row]
        if header in values:
            head = values.index(header)
        if head is not None and len(row) > 2 and row[2].value == row_label:
            return str(row[head].coordinate)
    raise KeyError((row_label, header))


Edit = tuple[str, str, str]  # sheet, row label (indicator name or measure title), column heading


def clerk_edit(path: Path, edits: Mapping[Edit, object], *, out: Path | None = None,
               also: Callable[[openpyxl.Workbook], None] | None = None) -> Path:
    """Type into the workbook as a clerk would (openpyxl writes what Excel would store) and save."""
    wb = openpyxl.load_workbook(path)
    for (sheet, label, header), value in edits.items():
        ws = wb[sheet]
        ws[find_cell(ws, label, header)] = value  # type: ignore[index]
    if also:
        also(wb)
    target = out or path
    wb.save(target)
    return target


def rewrite_parts(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None],
                  add: Mapping[str, bytes] | None = None) -> Path:
    """Copy a workbook part by part; `change(name, data)` returns new bytes or None to drop a part."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def like_excel_desktop(src: Path, dst: Path) -> Path:
    """What Excel itself writes: every string in a shared strings part (t="s"), where openpyxl writes
    inline strings."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(m: re.Match[str]) -> str:
        text = m.group(2)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c{m.group(1)} t="s"><v>{index[text]}</v></c>'

    def change(name: str, data: bytes) -> bytes:
        text = data.decode("utf-8")
        if name.startswith("xl/worksheets/sheet"):
            text = re.sub(r'<c([^>]*?) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>', shared, text, flags=re.S)
        elif name == "xl/_rels/workbook.xml.rels":
            text = text.replace("</Relationships>", '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/'
                                "officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")
        elif name == "[Content_Types].xml":
            text = text.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        return text.encode("utf-8")

    with zipfile.ZipFile(src) as z:  # the sheets first: the strings are collected on the way
        parts = {i.filename: change(i.filename, z.read(i)) for i in z.infolist()}
    sst = "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>').encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return dst


def like_excel_online(src: Path, dst: Path) -> Path:
    """Another writer's XML habits: inline strings and no shared strings part (turning Excel's
    shared strings back inline), the main namespace bound to a prefix (x:), no dimension element,
    and formulas without cached values."""
    with zipfile.ZipFile(src) as z:
        sst = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() else ""
    strings = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<si>(.*?)</si>", sst, flags=re.S)]

    def inline(m: re.Match[str]) -> str:
        return f'<c{m.group(1)} t="inlineStr"><is><t xml:space="preserve">{strings[int(m.group(2))]}</t></is></c>'

    def change(name: str, data: bytes) -> bytes | None:
        if name == "xl/sharedStrings.xml":
            return None
        text = data.decode("utf-8")
        if name.startswith("xl/worksheets/sheet"):
            text = re.sub(r'<c([^>]*?) t="s"><v>(\d+)</v></c>', inline, text)
            text = re.sub(r"<dimension [^>]*/>", "", text)
            text = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", text)  # no cached values
            text = prefixed(text, "worksheet")
        elif name == "xl/_rels/workbook.xml.rels":
            text = re.sub(r'<Relationship [^>]*sharedStrings[^>]*/>', "", text)
        elif name == "[Content_Types].xml":
            text = re.sub(r'<Override [^>]*sharedStrings[^>]*/>', "", text)
        return text.encode("utf-8")

    return rewrite_parts(src, dst, change)


def prefixed(text: str, root: str) -> str:
    """The SpreadsheetML namespace bound to x: instead of the default namespace."""
    main_ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    if main_ns not in text:
        return text
    text = text.replace(main_ns, 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    return re.sub(r"<(/?)(?![?!])(?!\w+:)(\w+)", r"<\1x:\2", text)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def through_libreoffice(src: Path, out_dir: Path) -> Path:
    """Open and save the workbook with LibreOffice headless (soffice --convert-to xlsx)."""
    exe = soffice()
    assert exe
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / "lo-profile"
    work = out_dir / "in"
    work.mkdir(exist_ok=True)
    shutil.copyfile(src, work / src.name)
    subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out_dir), str(work / src.name)], check=True, capture_output=True, timeout=240)
    return out_dir / src.name
