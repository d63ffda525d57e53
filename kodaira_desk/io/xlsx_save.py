"""openpyxl's `Workbook.save` with its zip closed on every path out.

openpyxl opens a ZipFile on the path and closes it only when the whole workbook was written: a
write that fails (a full disk) leaves it open, and the garbage collector's `ZipFile.__del__` tries
to write the zip's directory again, printing 「Exception ignored in: <function ZipFile.__del__> …
Traceback」 after the message the person was given. Here the zip and its file are closed at once.
"""

from __future__ import annotations

import datetime
from contextlib import suppress
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter


def save_workbook(wb: Workbook, path: Path) -> None:
    """Write `wb` to `path` as Workbook.save does; on failure nothing is left open to be closed later."""
    if wb.write_only and not wb.worksheets:
        wb.create_sheet()
    f = open(path, "wb")  # noqa: SIM115 (closed below on every path: the zip is not its owner)
    try:
        archive = ZipFile(f, "w", ZIP_DEFLATED, allowZip64=True)
        try:
            wb.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
            ExcelWriter(wb, archive).save()  # closes the archive when all is written
        except BaseException:
            with suppress(OSError, ValueError):
                archive.close()
            archive.fp = None  # nothing left for ZipFile.__del__ to write
            raise
    except BaseException:
        with suppress(OSError):
            f.close()
        raise
    f.close()
