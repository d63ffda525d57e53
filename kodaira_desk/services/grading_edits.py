"""Unsaved changes to how indicators are graded: the 達成 / 概ね順調 thresholds (one setting of the
database) and, per indicator, whether lower is better.

They are edits like a typed value (issue 23): the window keeps them in the session until Save
(Ctrl+S), undo and redo move them in and out, the board and the KPI pane grade with them applied,
closing asks about them, and Save writes them in the same transaction as the typed fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeAlias, Union

from kodaira_desk.services.editing import PendingEdits, StaleSetting
from kodaira_desk.services.field_words import describe

if TYPE_CHECKING:
    # the grading itself (domain.achievement, services.achievement: the KPI's achievement, its
    # CSV) is imported by the functions here that use it: the window's start-up, which makes an
    # empty GradingEdits, does not pay for it (issue 27)
    from kodaira_desk.domain.achievement import Direction, Thresholds
    from kodaira_desk.services.achievement import GradingSettings
    from kodaira_desk.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ThresholdsSetting:
    """The 達成 and 概ね順調 thresholds (for every plan of the database)."""


@dataclass(frozen=True)
class DirectionSetting:
    """Whether lower is better for one indicator (None: not set, the target's wording decides)."""

    plan_id: str
    indicator_key: str


Setting = Union[ThresholdsSetting, DirectionSetting]  # noqa: UP007
SettingValue: TypeAlias = "Thresholds | Direction | None"


def plan_of(setting: Setting) -> str:
    """The plan a setting belongs to ("" for the thresholds: the database's, every plan's)."""
    return setting.plan_id if isinstance(setting, DirectionSetting) else ""


def stored_setting(settings: GradingSettings, setting: Setting) -> SettingValue:
    """What `settings` (as read from the database) hold for one setting."""
    if isinstance(setting, ThresholdsSetting):
        return settings.thresholds
    return settings.direction(setting.indicator_key)


class GradingChanges(dict[Setting, SettingValue]):
    """The settings changed and not yet saved (what Save writes), and `stored`: what each held in
    the database when this person first changed it (a save compares it with what is stored then)."""

    def __init__(self, changed: Mapping[Setting, SettingValue], stored: Mapping[Setting, SettingValue]) -> None:
        super().__init__(changed)
        self.stored = {s: stored[s] for s in changed if s in stored}


class GradingEdits(PendingEdits[Setting, SettingValue]):
    """The settings changed and not yet saved, with what each held when first changed."""

    def pending(self) -> GradingChanges:
        return GradingChanges(self._pending, self._stored)

    def saved(self, written: Mapping[Setting, SettingValue]) -> None:
        """A save wrote `written`: those are stored now; a change made while it ran stays."""
        for setting, value in written.items():
            if self._pending.get(setting, value) == value:
                self._pending.pop(setting, None)
            self._stored[setting] = value
        for setting in [s for s in self._stored if s not in self._pending]:
            del self._stored[setting]

    def applied(self, plan_id: str, settings: GradingSettings) -> GradingSettings:
        """A plan's settings as read, with the unsaved changes applied."""
        if not self._pending:
            return settings
        from kodaira_desk.domain.achievement import Direction, Thresholds

        thresholds = self._pending.get(ThresholdsSetting(), settings.thresholds)
        assert isinstance(thresholds, Thresholds)
        directions = dict(settings.directions)
        for setting, value in self._pending.items():
            if isinstance(setting, DirectionSetting) and setting.plan_id == plan_id:
                if isinstance(value, Direction):
                    directions[setting.indicator_key] = value
                else:
                    directions.pop(setting.indicator_key, None)
        return replace(settings, thresholds=thresholds, directions=directions)


def setting_text(value: SettingValue) -> str:
    """A setting's value in words: the thresholds, or a direction (None: not set)."""
    from kodaira_desk.domain.achievement import Thresholds
    from kodaira_desk.services.achievement import direction_text, thresholds_text

    return thresholds_text(value) if isinstance(value, Thresholds) else direction_text(value)


def setting_name(uow: UnitOfWork, setting: Setting) -> str:
    """The setting in words, as its audit row names it: 達成・概ね順調の基準（全計画）, or
    「市内体験農園の区画数 の達成状況の向き」."""
    from kodaira_desk.services.achievement import direction_key, thresholds_key

    if isinstance(setting, ThresholdsSetting):
        return describe({}, thresholds_key())
    try:
        trees = {setting.plan_id: uow.plans.load_tree(setting.plan_id)}
    except KeyError:
        trees = {}
    return describe(trees, direction_key(setting.plan_id, setting.indicator_key))


def stale_settings(uow: UnitOfWork, edits: Mapping[Setting, SettingValue]) -> list[StaleSetting]:
    """The changed settings someone else saved since this person changed them (GradingChanges.stored:
    what each held then), in the caller's transaction under its lock: Save asks about them as about
    a typed field changed elsewhere. Not one saved with the value this person chose: nothing is lost."""
    from kodaira_desk.services.achievement import settings_in

    stored = edits.stored if isinstance(edits, GradingChanges) else {}
    out: list[StaleSetting] = []
    for setting, value in edits.items():
        if setting not in stored:
            continue
        now = stored_setting(settings_in(uow, plan_of(setting)), setting)
        if now != stored[setting] and now != value:
            out.append(StaleSetting(setting, setting_name(uow, setting), setting_text(value), setting_text(now),
                                    setting_text(stored[setting])))
    return out


def write_grading(uow: UnitOfWork, edits: Mapping[Setting, SettingValue], actor: str | None = None) -> None:
    """The changed settings, written in the caller's transaction (Save's, after stale_settings found
    none or the person said to overwrite), each with its audit row."""
    from kodaira_desk.domain.achievement import Direction, Thresholds
    from kodaira_desk.services.achievement import put_direction, put_thresholds

    for setting, value in edits.items():
        if isinstance(setting, ThresholdsSetting):
            assert isinstance(value, Thresholds)
            put_thresholds(uow, value, actor)
        else:
            put_direction(uow, setting.plan_id, setting.indicator_key,
                          value if isinstance(value, Direction) else None, actor)
