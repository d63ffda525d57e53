"""A received file's refusal reason in the language in use.

The reason stored with a refused file is data: the message the collection wrote, in Japanese, with
its details (which field, which version). In Japanese it is shown as stored. In English, a refusal
of one of the app's own kinds (its reason code, domain.round.Outcome) is said by its English
sentence with the file's name; a reason of a kind the app does not know (an older version's, say)
is shown as stored.

A collection's own log (回収状況と取り込み) says each file's outcome the same way: the collection's
message in Japanese; in English, a refusal by its sentence, a file taken in by its counts, and a
collection that took nothing in (the master busy, a full disk…) by its kind's sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from kodaira_desk.services.rounds.common import FileOutcome

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
# a file taken in, as the log says it (the collection's message has the details, in Japanese)
_TAKEN = QT_TRANSLATE_NOOP("RefusalWords", "{file}: {department} を取り込みました（反映 {applied} 件、要確認 {conflicts} 件）。")
_ALREADY = QT_TRANSLATE_NOOP("RefusalWords", "{file}: 取込済みのファイルです（変更はありません）。")
_HELD = QT_TRANSLATE_NOOP("RefusalWords", " 担当外・配布年度以外・確定済みの年度の変更 {n} 件は反映せず、要確認にしました。")
_NO_HEAD_CHECK = QT_TRANSLATE_NOOP("RefusalWords", " 課長確認がありません（この年度は必須です）。要確認にしました。")
_UNCHANGED = QT_TRANSLATE_NOOP("RefusalWords", " 変更なし（前年度と同じ）の確認 {n} 件を反映しました。")
_CARRIED = QT_TRANSLATE_NOOP("RefusalWords", " 前年度から引き継いだまま確認されていない実施等状況 {n} 件は反映していません（未記入のままです）。")


# a collection that took nothing in (services.rounds.collect_failed), by its kind
_FAILED = {
    "busy": QT_TRANSLATE_NOOP("RefusalWords", "{where} は別のウィンドウまたは別の処理（取り込み・配布・保存）が使用中のため、"
                                              "何も取り込みませんでした。その処理が終わってから、もう一度実行してください。"),
    "full": QT_TRANSLATE_NOOP("RefusalWords", "{where}: ディスクの空きが足りないため、何も取り込みませんでした。"
                                              "空きを作ってからもう一度実行してください。"),
    "readonly": QT_TRANSLATE_NOOP("RefusalWords", "{where}: 書き込みの権限がないため（読み取り専用のファイルかフォルダです）、"
                                                  "何も取り込みませんでした。"),
    "server_full": QT_TRANSLATE_NOOP("RefusalWords", "{where}: データベースサーバーのディスクの空きが足りないため、"
                                                     "何も取り込みませんでした。"),
    "server_readonly": QT_TRANSLATE_NOOP("RefusalWords", "{where}: このアカウントではサーバーのデータベースに書き込めないため、"
                                                         "何も取り込みませんでした。"),
    "corrupt": QT_TRANSLATE_NOOP("RefusalWords", "{where} は壊れているため、何も取り込みませんでした。"
                                                 "同じフォルダのバックアップにある取り込み前のコピーから戻してください。"),
}
_FILES_LEFT = QT_TRANSLATE_NOOP("RefusalWords", " 取り込まなかったファイル: {names}")
_MORE_FILES = QT_TRANSLATE_NOOP("RefusalWords", " ほか{n}件")


def _said(words: str) -> str | None:
    """`words` in the language in use, or None in Japanese (no translation in use: the stored
    message is shown, with its details)."""
    said = QCoreApplication.translate(_CONTEXT, words)
    return None if said == words else said


def reason_text(stored: str, code: str | None, file_name: str, *, taken: int | None = None,
                newest: bool = False) -> str:
    """What the board says of a refusal: `stored` (the recorded message) in Japanese or for an
    unknown `code`; else the code's sentence in the language in use. `newest`: a file was taken
    before (version `taken`), and the newest one received was refused."""
    found = _WORDS.get(code or "")
    if found is None:
        return stored
    said = _said(str(found))
    if said is None:
        return stored
    said = said.format(file=file_name)
    if not newest:
        return said
    if taken:
        return QCoreApplication.translate(_CONTEXT, str(_NOT_TAKEN)).format(n=taken, reason=said)
    return QCoreApplication.translate(_CONTEXT, str(_NOT_TAKEN_FIRST)).format(reason=said)


def outcome_text(outcome: FileOutcome) -> str:
    """A collection's line for one file in the language in use: the collection's own message in
    Japanese; in English, a refusal (or 未記入) by its reason's sentence, a file taken in by what
    was applied and held, an unknown code as the message was written."""
    from kodaira_desk.services.rounds.year_rules import NO_HEAD_CHECK

    o = outcome
    if o.code == "already_collected":
        said = _said(str(_ALREADY))
        return o.message if said is None else said.format(file=o.file)
    if o.code not in ("merged", "needs_review"):
        return reason_text(o.message, o.code, o.file)
    said = _said(str(_TAKEN))
    if said is None:
        return o.message
    said = said.format(file=o.file, department=o.department or "", applied=o.applied, conflicts=o.conflicts)
    for words, n in ((_HELD, o.held), (_NO_HEAD_CHECK, int(NO_HEAD_CHECK in o.flags)), (_UNCHANGED, o.unchanged),
                     (_CARRIED, o.carried)):
        if n:
            said += QCoreApplication.translate(_CONTEXT, str(words)).format(n=n)
    return said


def failure_text(exc: BaseException) -> str:
    """A collection's line when it took nothing in: as written in Japanese (or for a failure of a
    kind not known here); in English, its kind's sentence naming the file, and the files not taken in."""
    from kodaira_desk.services.rounds.collect_failed import SHOWN, CollectionFailed
    from kodaira_desk.ui.domain_words import message_of

    words = _FAILED.get(exc.kind) if isinstance(exc, CollectionFailed) else None
    said = _said(str(words)) if words is not None else None
    if said is None or not isinstance(exc, CollectionFailed):
        return message_of(exc)
    names = ", ".join(exc.files[:SHOWN])
    if len(exc.files) > SHOWN:
        names += QCoreApplication.translate(_CONTEXT, str(_MORE_FILES)).format(n=len(exc.files) - SHOWN)
    return said.format(where=exc.where) + QCoreApplication.translate(_CONTEXT, str(_FILES_LEFT)).format(names=names)
