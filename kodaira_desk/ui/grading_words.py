"""Why an indicator has its status, in the user's language: the domain keeps each reason as a code
with its facts (domain.achievement.Reason); the reports print REASON_TEXTS, the window these."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kodaira_desk.domain.achievement import Achievement, Reason, Why
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import AbsenceKind, Absent

CONTEXT = "GradingReason"
# The same Japanese as domain.achievement.REASON_TEXTS (a test holds them equal), marked for lupdate.
TEMPLATES = {
    Why.NOT_ENTERED: QT_TRANSLATE_NOOP("GradingReason", "{year}の実績が未入力です。"),
    Why.VALUE_ABSENT: QT_TRANSLATE_NOOP("GradingReason", "{year}の{kind}が{absence}のため判定できません。{note}"),
    Why.NO_TARGET: QT_TRANSLATE_NOOP("GradingReason", "目標が設定されていないため判定できません。"),
    Why.TARGET_ABSENT: QT_TRANSLATE_NOOP("GradingReason", "目標が{absence}のため判定できません。{note}"),
    Why.RATIO_NO_BASELINE: QT_TRANSLATE_NOOP("GradingReason", "基準値がないため、目標に対する比で示しています。"),
    Why.RATIO_BASELINE_MET: QT_TRANSLATE_NOOP(
        "GradingReason", "基準値の時点で目標に達しているため、目標に対する比で示しています。"),
    Why.NO_RATIO: QT_TRANSLATE_NOOP("GradingReason", "目標または値が0以下のため比は出せません。"),
    Why.FORECAST: QT_TRANSLATE_NOOP("GradingReason", "実績（見込）による判定です。"),
    Why.NEGATIVE: QT_TRANSLATE_NOOP("GradingReason", "値が基準値から目標と逆の方向に動いたため、達成率は負の値です。"),
}
ABSENCES = {AbsenceKind.NO_SURVEY: QT_TRANSLATE_NOOP("GradingReason", "「-」（調査なし）"),
            AbsenceKind.NONE: QT_TRANSLATE_NOOP("GradingReason", "「—」（該当なし）"),
            AbsenceKind.FOOTNOTE: QT_TRANSLATE_NOOP("GradingReason", "「{mark}」")}
KINDS = {ValueKind.ACTUAL: QT_TRANSLATE_NOOP("GradingReason", "実績"),
         ValueKind.FORECAST: QT_TRANSLATE_NOOP("GradingReason", "実績（見込）")}


def _t(text: object) -> str:  # QT_TRANSLATE_NOOP's type is object; its value is the text
    return QCoreApplication.translate(CONTEXT, str(text))


def _absence(absent: Absent) -> str:
    return _t(ABSENCES[absent.kind]).format(mark=str(absent))


def words_of(reason: Reason) -> str:
    kind = "" if reason.kind is None else _t(KINDS[reason.kind]) if reason.kind in KINDS else reason.kind.label
    return reason.words(_t(TEMPLATES[reason.why]), _absence, kind,
                        reason.year.era_label() if reason.year else "")


def reason_words(a: Achievement) -> str:
    """The reasons of `a`, in the user's language (Japanese: the reports' very words). Sentences
    run on in Japanese; in a language that ends them with a full stop a space follows it."""
    out = ""
    for r in a.reasons:
        words = words_of(r)
        out += (" " if out.endswith(".") else "") + words
    return out
