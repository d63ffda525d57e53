"""A returned workbook changed at the level of its XML parts, for the generated hostile corpus:
cells with any type, style or formula Excel and other programs write, parts added, duplicated,
renamed or damaged. Fast (no openpyxl), so hundreds of cases stay cheap."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _split(coord: str) -> tuple[str, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", coord)
    assert m, coord
    return m.group(1), int(m.group(2))


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Book:
    """The parts of a workbook, in their order, to be changed and written back as a zip."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as z:
            self.parts: dict[str, bytes] = {i.filename: z.read(i) for i in z.infolist()}
        self.extra: list[tuple[str, bytes]] = []  # entries written after the parts (duplicates allowed)
        self.compression = zipfile.ZIP_DEFLATED

    # ------------------------------------------------------------ sheets and cells
    def sheet_part(self, name: str) -> str:
        wb = self.parts["xl/workbook.xml"].decode()
        rels = self.parts["xl/_rels/workbook.xml.rels"].decode()
        m = re.search(rf'<sheet name="{re.escape(name)}"[^>]*r:id="(\w+)"', wb)
        assert m, name
        t = re.search(rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{m.group(1)}"', rels) or re.search(
            rf'<Relationship[^>]*Id="{m.group(1)}"[^>]*Target="([^"]+)"', rels)
        assert t
        target = t.group(1).lstrip("/")
        return target if target.startswith("xl/") else f"xl/{target}"

    def text(self, part: str) -> str:
        return self.parts[part].decode("utf-8")

    def put(self, part: str, text: str) -> None:
        self.parts[part] = text.encode("utf-8")

    def cell_xml(self, sheet: str, coord: str) -> str | None:
        m = re.search(rf'<c r="{coord}"(?:\s[^>]*?)?(?:/>|>.*?</c>)', self.text(self.sheet_part(sheet)), flags=re.S)
        return m.group(0) if m else None

    def style_of(self, sheet: str, coord: str) -> str | None:
        xml = self.cell_xml(sheet, coord) or ""
        m = re.search(r'\ss="(\d+)"', xml)
        return m.group(1) if m else None

    def set_cell(self, sheet: str, coord: str, *, v: str | None = None, t: str | None = None, f: str | None = None,
                 f_attrs: str = "", inline: str | None = None, style: str | None = "keep") -> None:
        """Write cell `coord`: a stored value `v` of type `t`, a formula `f` (without =), or an
        inline string; `style` "keep" keeps the cell's style index, None drops it."""
        part = self.sheet_part(sheet)
        s = self.style_of(sheet, coord) if style == "keep" else style
        attrs = f' r="{coord}"' + (f' s="{s}"' if s is not None else "") + (f' t="{t}"' if t else "")
        if inline is not None:
            attrs = f' r="{coord}"' + (f' s="{s}"' if s is not None else "") + ' t="inlineStr"'
            body = f"<is><t>{esc(inline)}</t></is>"
        else:
            body = (f"<f{f_attrs}>{esc(f)}</f>" if f is not None else (f"<f{f_attrs}/>" if f_attrs else "")) + (
                f"<v>{esc(v)}</v>" if v is not None else "")
        new = f"<c{attrs}>{body}</c>" if body else f"<c{attrs}/>"
        text = self.text(part)
        old = self.cell_xml(sheet, coord)
        if old is not None:
            self.put(part, text.replace(old, new, 1))
            return
        letters, row = _split(coord)
        m = re.search(rf'<row r="{row}"[^>]*?(?:/>|>(.*?)</row>)', text, flags=re.S)
        if m is None:  # a new row, before the first row after it
            later = [int(r) for r in re.findall(r'<row r="(\d+)"', text) if int(r) > row]
            row_xml = f'<row r="{row}">{new}</row>'
            if later:
                at = text.index(f'<row r="{min(later)}"')
                text = text[:at] + row_xml + text[at:]
            else:
                text = text.replace("</sheetData>", row_xml + "</sheetData>").replace("<sheetData/>", f"<sheetData>{row_xml}</sheetData>")
            self.put(part, text)
            return
        whole = m.group(0)
        if whole.endswith("/>"):
            replaced = whole[:-2] + f">{new}</row>"
        else:
            cells = list(re.finditer(r'<c r="([A-Z]+)\d+"', whole))
            after = [c for c in cells if _col_number(c.group(1)) > _col_number(letters)]
            if after:
                at = after[0].start()
                replaced = whole[:at] + new + whole[at:]
            else:
                replaced = whole[:-len("</row>")] + new + "</row>"
        self.put(part, text.replace(whole, replaced, 1))

    def number_style(self, sheet: str, coord: str, code: str | int) -> str:
        """A style like the cell's (unlocked, filled) with the number format `code` (a format string,
        or a built-in id); returns its index."""
        styles = self.text("xl/styles.xml")
        base = int(self.style_of(sheet, coord) or 0)
        xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, flags=re.S)
        assert xfs
        items = re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", xfs.group(1), flags=re.S)
        if isinstance(code, int):
            fmt_id = code
        else:
            ids = [int(i) for i in re.findall(r'numFmtId="(\d+)"', styles)]
            fmt_id = max([163, *ids]) + 1
            fmt = f'<numFmt numFmtId="{fmt_id}" formatCode="{esc(code).replace(chr(34), "&quot;")}"/>'
            if re.search(r"<numFmts[^>]*/>", styles):
                styles = re.sub(r"<numFmts[^>]*/>", f'<numFmts count="1">{fmt}</numFmts>', styles)
            elif "<numFmts" in styles:
                styles = styles.replace("</numFmts>", fmt + "</numFmts>")
            else:
                styles = styles.replace("<fonts", f'<numFmts count="1">{fmt}</numFmts><fonts', 1)
        xf = re.sub(r'numFmtId="\d+"', f'numFmtId="{fmt_id}" applyNumberFormat="1"', items[base], count=1)
        styles = styles.replace("</cellXfs>", xf + "</cellXfs>")
        styles = re.sub(r'<cellXfs count="\d+"', f'<cellXfs count="{len(items) + 1}"', styles)
        self.put("xl/styles.xml", styles)
        return str(len(items))

    # ------------------------------------------------------------ the zip
    def _entry(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))
        info.compress_type = self.compression
        return info

    def save(self, dst: Path, *, dialect: str = "openpyxl",
             names: Callable[[str], str] | None = None) -> Path:
        parts = dict(self.parts)
        if dialect == "excel":
            parts = shared_strings(parts)
        elif dialect == "prefixed":
            parts = prefixed_parts(parts)
        elif dialect != "openpyxl":
            raise ValueError(dialect)
        dst.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dst, "w", self.compression) as z:  # the same parts give the same bytes
            for name, data in parts.items():
                z.writestr(self._entry(names(name) if names else name), data)
            for name, data in self.extra:
                with _quiet():
                    z.writestr(self._entry(name), data)
        return dst


class _quiet:
    """zipfile warns on a duplicate name: the duplicate is the point here."""

    def __enter__(self) -> None:
        import warnings

        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc: object) -> None:
        self._w.__exit__(*exc)


def shared_strings(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Excel's habit: every string of the sheets in a shared strings part (t="s")."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(m: re.Match[str]) -> str:
        text = m.group(2)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c{m.group(1)} t="s"><v>{index[text]}</v></c>'

    out: dict[str, bytes] = {}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            text = re.sub(r'<c([^>]*?) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>', shared,
                          data.decode("utf-8"), flags=re.S)
            out[name] = text.encode("utf-8")
        else:
            out[name] = data
    rels = out["xl/_rels/workbook.xml.rels"].decode()
    if "sharedStrings" not in rels:
        out["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
            '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>')).encode()
        types = out["[Content_Types].xml"].decode()
        out["[Content_Types].xml"] = types.replace("</Types>", (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')).encode()
    sst = "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in strings)
    out["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" '
                                   f'count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>').encode()
    return out


def prefixed_parts(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Another writer's habits: the SpreadsheetML namespace bound to x:, no <dimension>."""
    out = dict(parts)
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            text = re.sub(r"<dimension [^>]*/>", "", data.decode("utf-8"))
            text = text.replace(f'xmlns="{MAIN}"', f'xmlns:x="{MAIN}"')
            text = re.sub(r"<(/?)(?![?!])(?!\w+:)(\w+)", r"<\1x:\2", text)
            out[name] = text.encode("utf-8")
    return out


DIALECTS = ("openpyxl", "excel", "prefixed")
