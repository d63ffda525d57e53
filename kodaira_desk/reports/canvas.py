"""The canvas the handouts are written on: reportlab's, with two of its costs made smaller and
the file's bytes unchanged.

- The graphics state is saved as a tuple: `saveState` copied the 23 attributes of the state into a
  new dict one by one, and every flowable and table drawn saves and restores it (some 5 % of
  drawing a long report). The same values are saved and put back.
- A page's stream is compressed and turned into ASCII85 as reportlab does it, and the ASCII85 text
  is given to the file as bytes: reportlab passes it through its `extpdfdoc` codec, a Python
  mapping looked up character by character (some 3 % of writing a long report), which gives
  every printable ASCII character its own byte — what `str.encode("ascii")` gives.
"""

from __future__ import annotations

import operator
from typing import Any, Final

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFBase85Encode, PDFPage, PDFStream, PDFZCompress, pdfdocEnc
from reportlab.pdfgen.canvas import Canvas

_STATE: Final = tuple(Canvas.STATE_ATTRIBUTES)
_state_of: Final = operator.itemgetter(*_STATE)


class StackCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """reportlab's canvas, its graphics state saved as a tuple and its pages' ASCII85 as bytes."""

    def push_state_stack(self) -> None:
        state = self.__dict__
        self.state_stack.append(_state_of(state))
        state["_extgstate"] = state["_extgstate"].pushCopy()

    def pop_state_stack(self) -> None:
        self.__dict__.update(zip(_STATE, self.state_stack.pop(), strict=True))

    def save(self) -> None:
        for page in self._doc.Pages.pages:
            _page_stream(page)
        super().save()


class _Base85Bytes:
    """reportlab's ASCII85 filter (`PDFBase85Encode`), its text handed on as the bytes
    `pdfdocEnc` would make of it."""

    pdfname: Final = PDFBase85Encode.pdfname

    @staticmethod
    def encode(data: Any) -> Any:
        text = PDFBase85Encode.encode(data)
        if isinstance(text, str) and text.isascii() and text.isprintable():
            return text.encode("ascii")  # the same bytes: printable ASCII is itself in extpdfdoc
        return pdfdocEnc(text)

    @staticmethod
    def decode(data: Any) -> Any:
        return PDFBase85Encode.decode(data)


def _page_stream(page: PDFPage) -> None:
    """The page's stream as `PDFPage.check_format` makes it (it keeps one already there)."""
    if (page.Override_default_compilation or page.Contents or not page.stream or not page.compression
            or not rl_config.useA85):
        return
    stream = PDFStream()
    stream.filters = [_Base85Bytes, PDFZCompress]
    stream.content = page.stream
    stream.__Comment__ = "page stream"
    page.Contents = stream


def printable_ascii_is_itself() -> bool:
    """What `_Base85Bytes` relies on (checked by the tests)."""
    return all(pdfdocEnc(chr(i)) == bytes([i]) for i in range(32, 127))
