"""Windows-only pieces of the PyInstaller build, used by installer/kodaira-desk.spec on win32.

- make_ico: the program icon (.ico) rendered from resources/icons/kodaira-desk.svg with Qt, so the
  SVG stays the only icon source. Each size is stored as PNG inside the .ico (Windows Vista and later).
- version_info: the version resource of the .exe files (Properties > Details), from the package
  version; installer/windows/kodaira-desk.iss reads ProductVersion from it.

make_ico runs anywhere PySide6 does; version_info needs pefile, which pip installs with PyInstaller
on Windows only.
"""

from __future__ import annotations

import struct
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)


def _png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"win_resources: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def make_ico(svg: Path, out: Path) -> Path:
    """Write `out` (an .ico with every size in SIZES) and return it."""
    images = [(s, _png(svg, s)) for s in SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + entries + blobs)
    return out


def version_info(version: str, original_name: str):  # type: ignore[no-untyped-def]
    """A PyInstaller VSVersionInfo for one executable."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = tuple(([int(p) for p in version.split(".") if p.isdigit()] + [0, 0, 0, 0])[:4])
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers, mask=0x3F, flags=0x0, OS=0x40004,
                          fileType=0x1, subtype=0x0, date=(0, 0)),
        kids=[
            StringFileInfo([
                StringTable("041104B0", [  # Japanese, Unicode
                    StringStruct("CompanyName", "小平市"),
                    StringStruct("FileDescription", "Kodaira Desk（小平市 戦略計画入力）"),
                    StringStruct("FileVersion", version),
                    StringStruct("InternalName", original_name.removesuffix(".exe")),
                    StringStruct("LegalCopyright", "Kodaira City"),
                    StringStruct("OriginalFilename", original_name),
                    StringStruct("ProductName", "Kodaira Desk"),
                    StringStruct("ProductVersion", version),
                ])
            ]),
            VarFileInfo([VarStruct("Translation", [0x0411, 1200])]),
        ],
    )


if __name__ == "__main__":  # python installer/windows/win_resources.py OUT.ico: check the icon anywhere
    import sys

    root = Path(__file__).resolve().parents[2]
    print(make_ico(root / "resources" / "icons" / "kodaira-desk.svg", Path(sys.argv[1])))
    try:
        print(version_info("0.1.0", "kodaira-desk.exe"))
    except ImportError as exc:  # PyInstaller's versioninfo needs pefile, installed on Windows only
        print(f"version resource not checked here: {exc}")
