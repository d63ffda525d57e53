"""UI state kept between runs (QSettings), through typed accessors only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


def _is_url(text: str) -> bool:
    return text.lower().startswith(("postgresql://", "postgres://"))


def _whole_path(value: Path | str) -> Path | str:
    """A file as remembered: from the root (`--db m.sqlite` in one folder is another file in the
    next), a server's URL as it is."""
    return value.absolute() if isinstance(value, Path) else value


class Settings:
    def __init__(self) -> None:
        self._s = QSettings("KodairaCity", "KodairaDesk")

    def _str(self, key: str) -> str | None:
        v = self._s.value(key)
        return str(v) if v not in (None, "") else None

    @property
    def language(self) -> str:
        return self._str("ui/language") or "ja"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    @property
    def department(self) -> str | None:
        return self._str("user/department")

    @department.setter
    def department(self, value: str | None) -> None:
        self._s.setValue("user/department", value or "")

    @property
    def user_name(self) -> str | None:
        """The person's name, written into the audit log (asked once, changeable)."""
        return self._str("user/name")

    @user_name.setter
    def user_name(self, value: str | None) -> None:
        self._s.setValue("user/name", value or "")

    @property
    def last_database(self) -> Path | str | None:
        v = self._str("files/last_database")
        return (v if _is_url(v) else Path(v)) if v else None

    @last_database.setter
    def last_database(self, value: Path | str) -> None:
        self._s.setValue("files/last_database", str(_whole_path(value)))

    @property
    def recent_files(self) -> list[Path | str]:
        """Files, and masters on a server as their URL (never with a password: the window
        remembers Workspace.location)."""
        v = self._s.value("files/recent")
        items = v if isinstance(v, list) else ([v] if isinstance(v, str) and v else [])
        return [str(p) if _is_url(str(p)) else Path(str(p)) for p in items]

    def add_recent(self, path: Path | str) -> None:
        path = _whole_path(path)
        items = [p for p in self.recent_files if p != path]
        items.insert(0, path)
        self._s.setValue("files/recent", [str(p) for p in items[:MAX_RECENT]])

    @property
    def last_folder(self) -> Path | None:
        v = self._str("files/last_folder")
        return Path(v) if v else None

    @last_folder.setter
    def last_folder(self, value: Path) -> None:
        self._s.setValue("files/last_folder", str(value))

    def handout_folder(self, master: str) -> Path | None:
        """The folder the last hand-out from this master (its Workspace.location) was made in."""
        folder = self._json("round/handout_folders").get(master)
        return Path(folder) if folder else None

    def set_handout_folder(self, master: str, folder: Path) -> None:
        folders = self._json("round/handout_folders")
        folders[master] = str(folder)
        import json

        self._s.setValue("round/handout_folders", json.dumps(folders, ensure_ascii=False, sort_keys=True))

    def collect_folder(self, master: str) -> Path | None:
        """The folder files were last chosen from in ファイルを取り込む for this master."""
        folder = self._json("round/collect_folders").get(master)
        return Path(folder) if folder else None

    def set_collect_folder(self, master: str, folder: Path) -> None:
        folders = self._json("round/collect_folders")
        folders[master] = str(folder)
        import json

        self._s.setValue("round/collect_folders", json.dumps(folders, ensure_ascii=False, sort_keys=True))

    def _json(self, key: str) -> dict[str, str]:
        """A mapping kept as JSON text (a key may hold a path's slashes, which QSettings reads as groups)."""
        v = self._s.value(key)
        if not isinstance(v, str) or not v:
            return {}
        import json

        try:
            data = json.loads(v)
        except ValueError:
            return {}
        return {str(k): str(x) for k, x in data.items()} if isinstance(data, dict) else {}

    def geometry(self, name: str) -> QByteArray | None:
        v = self._s.value(f"geometry/{name}")
        return v if isinstance(v, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"geometry/{name}", value)

    def report_fields(self, plan_id: str) -> dict[str, str]:
        """What the person last typed in the report dialog for this plan (資料番号, 会議名, 日付,
        未定稿, 帳票), as text; empty when nothing was kept."""
        return self._json(f"reports/{plan_id}")

    def set_report_fields(self, plan_id: str, fields: dict[str, str]) -> None:
        import json

        self._s.setValue(f"reports/{plan_id}", json.dumps(fields, ensure_ascii=False, sort_keys=True))

    @property
    def entry_year(self) -> int | None:
        v = self._s.value("ui/entry_year")
        try:
            return int(str(v)) if v not in (None, "") else None
        except ValueError:
            return None

    @entry_year.setter
    def entry_year(self, value: int) -> None:
        """Kept with the fiscal year it is kept in (entry_year_kept_in): once the city has moved
        into a later one, the window opens on the year the city is in instead (docs/round-year.md)."""
        from datetime import date

        from kodaira_desk.domain.fiscal_year import FiscalYear

        self._s.setValue("ui/entry_year", value)
        self._s.setValue("ui/entry_year_kept_in", FiscalYear.of(date.today()).year)

    @property
    def entry_year_kept_in(self) -> int | None:
        """The fiscal year the 入力年度 was kept in; None where an earlier version kept it."""
        v = self._s.value("ui/entry_year_kept_in")
        try:
            return int(str(v)) if v not in (None, "") else None
        except ValueError:
            return None

    @property
    def font_scale(self) -> float:
        """表示 > 文字の大きさ: a factor on the system's font size (1.0 = as the system has it)."""
        try:
            return float(str(self._s.value("ui/font_scale", 1.0)))
        except ValueError:
            return 1.0

    @font_scale.setter
    def font_scale(self, value: float) -> None:
        self._s.setValue("ui/font_scale", value)

    @property
    def high_contrast(self) -> bool | None:
        """表示 > ハイコントラスト: on, off, or None to follow the system's setting."""
        v = self._str("ui/high_contrast")
        return None if v is None else v in ("1", "true", "True")

    @high_contrast.setter
    def high_contrast(self, value: bool | None) -> None:
        self._s.setValue("ui/high_contrast", "" if value is None else ("1" if value else "0"))

    def sync(self) -> None:
        self._s.sync()

    def recovery_folder(self) -> Path:
        """Where the recovery journals are kept: beside the settings file, per user."""
        return Path(self._s.fileName()).parent / "recovery"
