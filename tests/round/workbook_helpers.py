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


def hand_out(db_path: Path, out: Path, departments: list[str], fmt: str = "xlsx",
             again: bool = False) -> dict[str, Path]:
    """Hand out through the command line; department → its workbook (or .kdesk when fmt='kdesk').
    `again`: a 課 with a file out is handed a new one (--again; without it, it is skipped)."""
    args = ["--db", str(db_path), "handout", "--year", "R2", "--out", str(out), "--format", fmt]
    if again:
        args.append("--again")
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


CORE_NS = ('xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
           'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')


def stamp_xml(at: object, by: str | None, revision: int | None = None) -> bytes:
    """docProps/core.xml as Excel writes it at a save: creator, lastModifiedBy, created, modified
    (`at`: a datetime, a W3CDTF string, or None for a writer that records no save time)."""
    import datetime as dt

    when = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(at, dt.datetime) else at
    parts = ["<dc:creator>openpyxl</dc:creator>"]
    if by is not None:
        parts.append(f"<cp:lastModifiedBy>{by}</cp:lastModifiedBy>")
    parts.append('<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-01T00:00:00Z</dcterms:created>')
    if when is not None:
        parts.append(f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>')
    if revision is not None:
        parts.append(f"<cp:revision>{revision}</cp:revision>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<cp:coreProperties {CORE_NS}>{''.join(parts)}</cp:coreProperties>").encode()


def app_xml(application: str = "Microsoft Excel", version: str | None = "16.0300") -> bytes:
    ver = f"<AppVersion>{version}</AppVersion>" if version else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
            'openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/docPropsVTypes"><Application>{application}</Application><DocSecurity>0</DocSecurity>'
            f"{ver}</Properties>").encode()


def saved(src: Path, dst: Path | None = None, *, at: object, by: str | None = "田中 太郎",
          application: str = "Microsoft Excel", version: str | None = "16.0300",
          revision: int | None = None) -> Path:
    """The workbook as it stands after a save by Excel at `at` by `by` (its core and app
    properties rewritten the way Excel writes them), in place or into `dst`."""
    target = dst or src
    tmp = target.with_name(target.name + ".stamping")

    def change(name: str, data: bytes) -> bytes:
        if name == "docProps/core.xml":
            return stamp_xml(at, by, revision)
        if name == "docProps/app.xml":
            return app_xml(application, version)
        return data

    rewrite_parts(src, tmp, change)
    tmp.replace(target)
    return target


def edited_and_saved(book: Path, edits: Mapping[Edit, object], out: Path, *, at: object,
                     by: str | None = "田中 太郎", revision: int | None = None) -> Path:
    """A clerk's edit saved by Excel at `at`: the cells typed, then the save's properties."""
    clerk_edit(book, edits, out=out)
    return saved(out, at=at, by=by, revision=revision)


# ---------------------------------------------------------------- LibreOffice, as a clerk uses it
# A Basic macro in a profile of its own opens the workbook hidden, types into cells (a number, a
# text, a formula, or clears them), recalculates and saves it in place: LibreOffice then writes its
# own XML, cached results, save time, save count and the profile's user as the last modifier.
_LO_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub EditBook(orders As String)
  On Error GoTo Failed
  Dim doc As Object
  Dim sfa As Object, stream As Object, inp As Object
  sfa = createUnoService("com.sun.star.ucb.SimpleFileAccess")
  stream = sfa.openFileRead(ConvertToURL(orders))
  inp = createUnoService("com.sun.star.io.TextInputStream")
  inp.setInputStream(stream)
  inp.setEncoding("UTF-8")
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inp.readLine()), "_blank", 0, args())
  Do While Not inp.isEOF()
    Dim line As String
    line = inp.readLine()
    If Len(line) &gt; 0 Then
      Dim parts
      parts = Split(line, Chr(9))
      Dim cell As Object
      cell = doc.Sheets.getByName(parts(0)).getCellRangeByName(parts(1))
      If parts(2) = "n" Then
        cell.setValue(Val(parts(3)))
      ElseIf parts(2) = "f" Then
        cell.setFormula(parts(3))
      ElseIf parts(2) = "e" Then
        cell.clearContents(23)
      Else
        cell.setString(parts(3))
      End If
    End If
  Loop
  inp.closeInput()
  doc.calculateAll()
  doc.store()
  doc.close(True)
  Exit Sub
Failed:
  Dim f As Integer
  f = FreeFile
  Open orders &amp; ".err" For Output As #f
  Print #f, "Error " &amp; Err &amp; " at line " &amp; Erl &amp; ": " &amp; Error$
  Close #f
End Sub
</script:module>
"""


class LibreOffice:
    """LibreOffice headless with a profile of its own for one clerk (`given`, `family` names)."""

    def __init__(self, folder: Path, given: str = "太郎", family: str = "田中") -> None:
        exe = soffice()
        assert exe, "LibreOffice is not installed"
        self.exe = exe
        self.folder = folder
        self.profile = folder / "profile"
        folder.mkdir(parents=True, exist_ok=True)
        self._run(["--terminate_after_init"])
        basic = self.profile / "user" / "basic" / "Standard"
        assert (basic / "script.xlb").exists(), "LibreOffice made no profile"
        (basic / "Module1.xba").write_text(_LO_MACRO, encoding="utf-8")
        registry = self.profile / "user" / "registrymodifications.xcu"
        names = "".join(f'<item oor:path="/org.openoffice.UserProfile/Data"><prop oor:name="{k}" oor:op="fuse">'
                        f"<value>{v}</value></prop></item>\n" for k, v in (("givenname", given), ("sn", family)))
        text = registry.read_text(encoding="utf-8")
        registry.write_text(text.replace("</oor:items>", names + "</oor:items>"), encoding="utf-8")
        self.user = f"{given} {family}"
        self._n = 0

    def _run(self, args: list[str], timeout: float = 180) -> None:
        import os
        import signal

        command = [self.exe, f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--norestore", *args]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise AssertionError(f"LibreOffice did not finish within {timeout} s: {args}") from None

    def edit(self, src: Path, dst: Path, cells: list[tuple[str, str, object]]) -> Path:
        """Open `src`'s copy `dst` in LibreOffice, type `cells` ((sheet, "K5", value): a number,
        a text, "=formula", or None to clear), recalculate and save it."""
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src != dst:
            shutil.copyfile(src, dst)
        self._n += 1
        orders = self.folder / f"orders{self._n}.txt"
        lines = [str(dst)]
        for sheet, coord, value in cells:
            if value is None:
                lines.append(f"{sheet}\t{coord}\te\t")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                lines.append(f"{sheet}\t{coord}\tn\t{value!r}")
            elif isinstance(value, str) and value.startswith("="):
                lines.append(f"{sheet}\t{coord}\tf\t{value}")
            else:
                lines.append(f"{sheet}\t{coord}\ts\t{value}")
        orders.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self._run([f'macro:///Standard.Module1.EditBook("{orders}")'])
        error = orders.with_name(orders.name + ".err")
        assert not error.exists(), error.read_text(encoding="utf-8")
        return dst


def aged(db_path: Path, book: Path, *, hours: float = 24) -> Path:
    """The hand-out as if it had been made `hours` ago, as the city's are (days before the files
    come back): its record's issued_at and the workbook's own save time. A save within two minutes
    of a hand-out is the hand-out's own, so a test that saves a workbook at once needs this."""
    import datetime as dt
    import sqlite3

    at = dt.datetime.now().astimezone().replace(microsecond=0) - dt.timedelta(hours=hours)
    con = sqlite3.connect(db_path)
    try:
        con.execute("UPDATE handouts SET issued_at = ?", (at.isoformat(),))
        con.commit()
    finally:
        con.close()
    return saved(book, at=at, by=None, application="Microsoft Excel Compatible / Openpyxl 3.1.5", version="3.1")
