"""Reading the handouts back: words with their positions, grouped into printed lines."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdftypes import resolve1


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    page: int  # 1-based

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def page_words(path: Path) -> list[list[Word]]:
    return _page_words(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _page_words(path: str, _mtime: int) -> list[list[Word]]:
    # pdfplumber takes a while per page; most tests read the same few handouts several times.
    with pdfplumber.open(path) as pdf:
        return [
            [Word(w["text"], w["x0"], w["x1"], w["top"], n) for w in page.extract_words(x_tolerance=1.5)]
            for n, page in enumerate(pdf.pages, start=1)
        ]


def lines(words: list[Word], tolerance: float = 2.0) -> list[list[Word]]:
    """Words of one page grouped by their vertical position, each line left to right."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if out and abs(out[-1][0].top - w.top) <= tolerance:
            out[-1].append(w)
        else:
            out.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in out]


def all_lines(path: Path) -> list[list[Word]]:
    return [line for words in page_words(path) for line in lines(words)]


def line_with(path: Path, text: str) -> list[Word]:
    """The first printed line that has a word starting with `text`."""
    for line in all_lines(path):
        if any(w.text.startswith(text) for w in line):
            return line
    raise AssertionError(f"no line with {text!r} in {path.name}")


def line_on_page(path: Path, page: int, text: str) -> list[Word]:
    """The first line of a page (1-based) that has a word starting with `text`."""
    for line in lines(page_words(path)[page - 1]):
        if any(w.text.startswith(text) for w in line):
            return line
    raise AssertionError(f"no line with {text!r} on page {page} of {path.name}")


def texts(line: list[Word]) -> list[str]:
    return [w.text for w in line]


def page_texts(path: Path) -> list[str]:
    return _page_texts(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _page_texts(path: str, _mtime: int) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def flat(text: str) -> str:
    """Text without the line breaks and spaces the layout put in."""
    return re.sub(r"\s+", "", text)


def column_text(path: Path, x0: float, x1: float) -> str:
    """Everything printed between x0 and x1 on every page, in reading order, flattened."""
    return _column_text(str(path), path.stat().st_mtime_ns, x0, x1)


@functools.lru_cache(maxsize=32)
def _column_text(path: str, _mtime: int, x0: float, x1: float) -> str:
    with pdfplumber.open(path) as pdf:
        parts = []
        for page in pdf.pages:
            region = page.crop((x0, 0, x1, page.height), strict=False)
            parts.append(region.extract_text() or "")
    return flat("".join(parts))


def metadata(path: Path) -> dict[str, object]:
    with pdfplumber.open(path) as pdf:
        return dict(pdf.metadata)


def fonts(path: Path) -> dict[str, dict[str, object]]:
    """Every font the pages use: its type and whether its program is embedded."""
    found: dict[str, dict[str, object]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            resources = resolve1(page.page_obj.resources) or {}
            for ref in (resolve1(resources.get("Font")) or {}).values():
                font = resolve1(ref)
                name = str(resolve1(font.get("BaseFont"))).strip("/'")
                descriptor = resolve1(font.get("FontDescriptor")) or {}
                found[name] = {
                    "subtype": str(resolve1(font.get("Subtype"))).strip("/'"),
                    "embedded": any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")),
                }
    return found


def page_count(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def horizontal_lines(path: Path, page: int) -> list[tuple[float, float, float]]:
    """(x0, x1, top) of the straight horizontal strokes drawn on a page (1-based)."""
    with pdfplumber.open(path) as pdf:
        p = pdf.pages[page - 1]
        return [(ln["x0"], ln["x1"], ln["top"]) for ln in p.lines if abs(ln["top"] - ln["bottom"]) < 0.5]


def layout_problems(path: Path) -> list[str]:
    """Text running across a table's vertical rule, off the page's margins, or over other text."""
    problems: list[str] = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            rules = [(ln["x0"], ln["top"], ln["bottom"]) for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.5]
            chars = [c for c in page.chars if c["text"].strip()]
            cells: dict[tuple[int, int], list[int]] = {}
            for i, c in enumerate(chars):
                middle = (c["top"] + c["bottom"]) / 2
                where = f"page {n} {c['text']!r} at ({c['x0']:.0f}, {c['top']:.0f})"
                if c["x0"] < 20 or c["x1"] > page.width - 20 or c["top"] < 15 or c["bottom"] > page.height - 10:
                    problems.append(f"off the page: {where}")
                if any(c["x0"] + 0.4 < x < c["x1"] - 0.4 and top < middle < bottom for x, top, bottom in rules):
                    problems.append(f"across a rule: {where}")
                cells.setdefault((int(c["x0"] // 20), int(c["top"] // 20)), []).append(i)
            for i, c in enumerate(chars):
                gx, gy = int(c["x0"] // 20), int(c["top"] // 20)
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        for j in cells.get((gx + dx, gy + dy), []):
                            d = chars[j]
                            if j > i and min(c["x1"], d["x1"]) - max(c["x0"], d["x0"]) > 1 and \
                                    min(c["bottom"], d["bottom"]) - max(c["top"], d["top"]) > 1:
                                problems.append(f"over other text: page {n} {c['text']!r} / {d['text']!r}")
    return problems


def page_fill(path: Path, margin: float = 34.0) -> list[float]:
    """How full each page is: from the top margin down to the lowest thing printed (the page number
    at the foot left out), as a share of the height between the margins."""
    out: list[float] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            foot = page.height - margin
            bottoms = [c["bottom"] for c in page.chars if c["text"].strip() and c["top"] < foot]
            bottoms += [ln["bottom"] for ln in page.lines if ln["top"] < foot]
            bottoms += [r["bottom"] for r in page.rects if r["top"] < foot]
            lowest = max(bottoms, default=margin)
            out.append((lowest - margin) / (page.height - 2 * margin))
    return out
