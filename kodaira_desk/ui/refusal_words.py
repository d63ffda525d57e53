"""A received file's refusal reason in the language in use.

The reason stored with a refused file is data: the message the collection wrote, in Japanese, with
its details (which field, which version). In Japanese it is shown as stored. In English, a refusal
of one of the app's own kinds (its reason code, domain.round.Outcome) is said by its English
sentence with the file's name; a reason of a kind the app does not know (an older version's, say)
is shown as stored."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "RefusalWords"
_WORDS = {
    "unfilled": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 一度も保存されていない（未記入の）ファイルです"),
    "stale": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 取り込み済みの版より古いファイルです"),
    "tampered": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 最後の保存のあとで中身が書き換えられています"),
    "not_found": QT_TRANSLATE_NOOP("RefusalWords", "{file}: ファイルが見つかりません"),
    "unreadable": QT_TRANSLATE_NOOP("RefusalWords", "{file}: ファイルを読めません"),
    "not_regular": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 普通のファイルではありません"),
    "empty": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 空のファイルです"),
    "too_large": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 提出用ファイルとしては大きすぎます"),
    "copied_while_open": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 保存の途中で写されたファイルです"),
    "not_sqlite": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 提出用ファイルではありません（データベースではありません）"),
    "corrupt": QT_TRANSLATE_NOOP("RefusalWords", "{file}: ファイルが壊れています"),
    "not_ours": QT_TRANSLATE_NOOP("RefusalWords", "{file}: Kodaira Desk のファイルではありません"),
    "newer_schema": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 新しい版の Kodaira Desk で保存されています"),
    "old_schema": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 古い版のファイルを今の形式にできませんでした"),
    "unexpected_objects": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 提出用ファイルにないものが入っています"),
    "not_department_file": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 提出用ファイルではありません"),
    "invalid_values": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 読めない値があります"),
    "limit": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 扱える範囲を超える値があります"),
    "unknown_field": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 親データベースにない項目の値があります"),
    "other_master": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 別の親データベースから配布されたファイルです"),
    "unknown_handout": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 配布の記録にないファイルです"),
    "superseded": QT_TRANSLATE_NOOP("RefusalWords", "{file}: あとの配布で置き換えられたファイルです"),
    "wrong_department": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 別の課のファイルです"),
    "wrong_year": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 別の年度のファイルです"),
    "disk": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 親データベースの場所に書き込めないため取り込めませんでした"),
    "unexpected": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 取り込み中に予期しない問題が起きました"),
    "too_slow": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 確認に時間がかかりすぎたため止めました"),
    "not_workbook": QT_TRANSLATE_NOOP("RefusalWords", "{file}: Excel のブックではありません"),
    "encrypted": QT_TRANSLATE_NOOP("RefusalWords", "{file}: パスワードで保護されたブックです"),
    "zip_bomb": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 展開すると大きすぎるブックです"),
    "sheet_too_large": QT_TRANSLATE_NOOP("RefusalWords", "{file}: シートが大きすぎます"),
    "macros": QT_TRANSLATE_NOOP("RefusalWords", "{file}: マクロ付きのブックです"),
    "external_links": QT_TRANSLATE_NOOP("RefusalWords", "{file}: ほかのブックへのリンクがあります"),
    "no_identity": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 配布したブックの識別情報がありません"),
    "sheets_changed": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 配布したシートの名前が変わっているか、削除されています"),
    "attachment_type": QT_TRANSLATE_NOOP("RefusalWords", "{file}: 添付ファイルの中身が名前の種類と違います"),
}
_NOT_TAKEN = QT_TRANSLATE_NOOP("RefusalWords", "最新の受信ファイルは取り込んでいません（取込済みは第{n}版）。{reason}")
_NOT_TAKEN_FIRST = QT_TRANSLATE_NOOP("RefusalWords", "最新の受信ファイルは取り込んでいません。{reason}")


def reason_text(stored: str, code: str | None, file_name: str, *, taken: int | None = None,
                newest: bool = False) -> str:
    """What the board says of a refusal: `stored` (the recorded message) in Japanese or for an
    unknown `code`; else the code's sentence in the language in use. `newest`: a file was taken
    before (version `taken`), and the newest one received was refused."""
    found = _WORDS.get(code or "")
    if found is None:
        return stored
    words = str(found)
    said = QCoreApplication.translate(_CONTEXT, words)
    if said == words:  # no translation in use (Japanese): the stored message, with its details
        return stored
    said = said.format(file=file_name)
    if not newest:
        return said
    if taken:
        return QCoreApplication.translate(_CONTEXT, str(_NOT_TAKEN)).format(n=taken, reason=said)
    return QCoreApplication.translate(_CONTEXT, str(_NOT_TAKEN_FIRST)).format(reason=said)
