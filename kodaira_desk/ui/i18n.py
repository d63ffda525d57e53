"""Language: Japanese is the source language in the code; English comes from a .qm file.

Qt's own strings (buttons and labels of standard dialogs: the file dialog, the printer dialog)
come from Qt's qtbase_*.qm, shipped with PySide6; the few it leaves in English in Japanese
(「&Look in:」, 「Files of &type:」: Qt 6 added mnemonics the translation never caught up with) are
in our qt_extra_ja.qm, installed after it so that it is looked up first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kodaira_desk.paths import resources_dir

LANGUAGES = {"ja": "日本語", "en": "English"}


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
        return ok
