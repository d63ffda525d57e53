"""Language: Japanese is the source language in the code; English comes from a .qm file.

Qt's own strings (buttons and labels of standard dialogs: the file dialog, the printer dialog)
come from Qt's qtbase_*.qm, shipped with PySide6; the few it leaves in English in Japanese
(「&Look in:」, 「Files of &type:」: Qt 6 added mnemonics the translation never caught up with) are
in our qt_extra_ja.qm, installed after it so that it is looked up first.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kodaira_desk.paths import resources_dir

LANGUAGES = {"ja": "日本語", "en": "English"}

# Qt's standard buttons (OK, キャンセル, 閉じる in its message boxes, file and print dialogs) carry
# no mnemonic in Japanese nor in English: these do (issue 28: a mnemonic on every dialog button).
STANDARD_BUTTONS = {
    "ja": {"OK": "OK(&O)", "Cancel": "キャンセル(&C)", "Close": "閉じる(&C)", "Open": "開く(&O)",
           "Save": "保存(&S)", "Discard": "破棄(&D)", "Apply": "適用(&A)", "Help": "ヘルプ(&H)",
           "Reset": "リセット(&R)", "Abort": "中止(&A)", "Retry": "再試行(&R)", "Ignore": "無視(&I)"},
    "en": {"OK": "&OK", "Cancel": "&Cancel", "Close": "&Close", "Open": "&Open", "Save": "&Save",
           "Discard": "&Discard", "Apply": "&Apply", "Help": "&Help", "Reset": "&Reset",
           "Abort": "A&bort", "Retry": "&Retry", "Ignore": "&Ignore"},
}


class ButtonTexts(QTranslator):
    """Answers Qt's standard button texts with a mnemonic; everything else goes to the next
    translator (a null answer)."""

    def __init__(self, language: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self.texts = STANDARD_BUTTONS.get(language, STANDARD_BUTTONS["en"])

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if context == "QPlatformTheme":
            return self.texts.get(source)
        return None

    def isEmpty(self) -> bool:
        return False


# Every translator installed, whoever installed it: a switch removes them all (a second
# Translations, a test's, would otherwise leave the other language's behind).
_INSTALLED: list[QTranslator] = []


class Translations:
    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed = _INSTALLED
        self.language = "ja"

    def apply(self, language: str) -> bool:
        """Switch the application's language; widgets get a LanguageChange event."""
        for t in self._installed:
            self._app.removeTranslator(t)
        self._installed.clear()
        ok = True
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(self._app)
        if qt.load(f"qtbase_{language}", qt_dir):
            self._app.installTranslator(qt)
            self._installed.append(qt)
        extra = QTranslator(self._app)
        if extra.load(f"qt_extra_{language}", str(resources_dir() / "translations")):
            self._app.installTranslator(extra)
            self._installed.append(extra)
        if language != "ja":
            ours = QTranslator(self._app)
            ok = ours.load(f"kodaira_desk_{language}", str(resources_dir() / "translations"))
            if ok:
                self._app.installTranslator(ours)
                self._installed.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja"
                                   else QLocale.Language.English))
        self.language = language if ok else "ja"
        buttons = ButtonTexts(self.language, self._app)  # installed last: asked first
        self._app.installTranslator(buttons)
        self._installed.append(buttons)
        return ok


def sentence(text: str) -> str:
    """A label or sentence begins with a capital: a translation that opens with a placeholder
    (「{year}の{word}」 → "{word} of {year}") gets its word lower-case, as it reads mid-sentence
    elsewhere. Japanese text is unchanged."""
    return text[:1].upper() + text[1:]


def listed(items: Iterable[str]) -> str:
    """Names or phrases in a list, in the language in use: 「A、B」 in Japanese, "A, B" in English.
    The separator is a translation (context "Joining"), so a text without its translator reads as
    the Japanese source does."""
    return QCoreApplication.translate("Joining", "、").join(items)


def full_stops(parts: Iterable[str]) -> str:
    """Sentences without their full stops, said one after another (a screen reader's description):
    「A。B」 in Japanese, "A. B" in English; a part that ends in its own stop gets no second one."""
    stop = QCoreApplication.translate("Joining", "。")
    said = ""
    for part in parts:
        if said and said.endswith(_STOPS):
            said = sentences(said, part)
        else:
            said = f"{said}{stop}{part}" if said else part
    return said


_STOPS = ("。", ".", "!", "?", "！", "？")


def sentences(*parts: str) -> str:
    """Sentences one after another, in the language in use: run together in Japanese (each ends in
    「。」), a space between them in English ("Saved 1 change. 1 red cell…", never "change.1 red")."""
    template = QCoreApplication.translate("Joining", "{0}{1}")
    said = ""
    for part in parts:
        if not said or not part or said.endswith("\n"):  # (a line ends a sentence too)
            said += part
        else:
            said = template.format(said, part)
    return said
