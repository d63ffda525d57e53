"""Unsaved changes to how indicators are graded: the 達成 / 概ね順調 thresholds (one setting of the
database) and, per indicator, whether lower is better.

They are edits like a typed value (issue 23): the window keeps them in the session until Save
(Ctrl+S), undo and redo move them in and out, the board and the KPI pane grade with them applied,
closing asks about them, and Save writes them in the same transaction as the typed fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Union

from kodaira_desk.domain.achievement import Direction, Thresholds
from kodaira_desk.services.achievement import GradingSettings, put_direction, put_thresholds
from kodaira_desk.services.editing import PendingEdits

if TYPE_CHECKING:
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
SettingValue = Union[Thresholds, Direction, None]  # noqa: UP007


def plan_of(setting: Setting) -> str:
    """The plan a setting belongs to ("" for the thresholds: the database's, every plan's)."""
    return setting.plan_id if isinstance(setting, DirectionSetting) else ""


def stored_setting(settings: GradingSettings, setting: Setting) -> SettingValue:
    """What `settings` (as read from the database) hold for one setting."""
    if isinstance(setting, ThresholdsSetting):
        return settings.thresholds
    return settings.direction(setting.indicator_key)


class GradingEdits(PendingEdits[Setting, SettingValue]):
    """The settings changed and not yet saved, with what each held when first changed."""

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


def write_grading(uow: UnitOfWork, edits: Mapping[Setting, SettingValue]) -> None:
    """The changed settings, written in the caller's transaction (Save's)."""
    for setting, value in edits.items():
        if isinstance(setting, ThresholdsSetting):
            assert isinstance(value, Thresholds)
            put_thresholds(uow, value)
        else:
            put_direction(uow, setting.plan_id, setting.indicator_key,
                          value if isinstance(value, Direction) else None)
