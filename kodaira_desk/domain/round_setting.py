"""What a plan asks each year: a setting of the plan, not a consequence of its documents.

    RoundSetting(level=2, status=True, narrative="実施内容", settlement=True, indicators=True)

reads "each item of the plan's second level (主要事業) reports its 進捗状況, 実施内容 and 決算額, and
the indicators their 実績 / 実績（見込）". The strategy asks its 具体的な施策 for 進捗状況 and 実施等状況;
the program asks its 主要事業 for 進捗状況, 実施内容 and 決算額 (beside the 費用 the program planned, with
a reason where they differ much). The rules that read it (which plans are in force, which items
and indicators a year asks for) are in `domain/yearly.py`.

The setting is written as people name it (`asks`): 進捗状況, 実施等状況 or 実施内容, 決算額, 実績.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kodaira_desk.domain.errors import DomainError

STATUS = "進捗状況"
NARRATIVES = ("実施等状況", "実施内容")  # the strategy's word, the program's word
SETTLEMENT = "決算額"
ACTUALS = "実績"
ASK_WORDS = (STATUS, *NARRATIVES, SETTLEMENT, ACTUALS)
SETTLED_NOTE = "差の理由"
NO_DEPARTMENT = "所管課未設定"


class RoundSettingError(DomainError):
    """A setting that cannot be read (an unknown word, a level the plan does not have)."""


@dataclass(frozen=True)
class RoundSetting:
    """Which items report each year, what they report, and whether indicators report 実績."""

    level: int | None = None  # the depth (1 = top) whose items report; None: no item reports
    status: bool = False
    narrative: str | None = None  # the narrative's name (実施等状況 / 実施内容); None: not asked
    settlement: bool = False  # 決算額 beside the planned 費用, with a reason where they differ much
    indicators: bool = True  # 実績 and 実績（見込） of the plan's indicators

    @property
    def asks_items(self) -> bool:
        return self.level is not None and (self.status or self.narrative is not None or self.settlement)

    @property
    def asks_settlement(self) -> bool:
        """Items report a 決算額 (a program): the plan has a program year's table (program-year)."""
        return self.settlement and self.level is not None

    @property
    def narrative_label(self) -> str:
        return self.narrative or NARRATIVES[0]

    def words(self) -> tuple[str, ...]:
        """The asks as people write them (the plan workbook, db/city, the editor)."""
        out: list[str] = []
        if self.status:
            out.append(STATUS)
        if self.narrative:
            out.append(self.narrative)
        if self.settlement:
            out.append(SETTLEMENT)
        if self.indicators:
            out.append(ACTUALS)
        return tuple(out)

    def describe(self, levels: Sequence[str], say: Callable[[str], str] = str) -> str:
        """「主要事業: 進捗状況、実施内容、決算額／指標: 実績」, or 「なし」. `say` gives each fixed word
        (the ASK_WORDS, 指標, なし and the separators 、 and ／) in the language in use; the plan's level
        names are its data and stay as they are."""
        parts: list[str] = []
        item_words = [say(w) for w in self.words() if w != ACTUALS]
        if self.level is not None and item_words:
            parts.append(f"{level_name(levels, self.level)}: {say('、').join(item_words)}")
        if self.indicators:
            parts.append(f"{say('指標')}: {say(ACTUALS)}")
        return say("／").join(parts) or say("なし")

    @classmethod
    def from_words(cls, level: int | None, words: Iterable[str]) -> RoundSetting:
        chosen = [w.strip() for w in words if w.strip()]
        unknown = [w for w in chosen if w not in ASK_WORDS]
        if unknown:
            raise RoundSettingError(f"年次の報告に「{'、'.join(unknown)}」は使えません（{'、'.join(ASK_WORDS)} から選びます）。")
        narratives = [w for w in chosen if w in NARRATIVES]
        if len(set(narratives)) > 1:
            raise RoundSettingError(f"{'と'.join(NARRATIVES)}はどちらか一方だけを選びます。")
        setting = cls(level, STATUS in chosen, narratives[0] if narratives else None, SETTLEMENT in chosen,
                      ACTUALS in chosen)
        if level is None and (setting.status or setting.narrative or setting.settlement):
            raise RoundSettingError("項目の報告（進捗状況など）を求めるときは、報告する階層を選んでください。")
        return setting

    @classmethod
    def default_for(cls, levels: Sequence[str]) -> RoundSetting:
        """A new plan's round: its lowest level reports 進捗状況 and 実施等状況; indicators their 実績."""
        return cls(len(levels) or None, True, NARRATIVES[0], False, True)

    def check(self, levels: Sequence[str]) -> None:
        if self.level is not None and not 1 <= self.level <= max(len(levels), 1):
            raise RoundSettingError(f"報告する階層（{self.level}）がこの計画の階層（{'／'.join(levels)}）にありません。")


def level_name(levels: Sequence[str], depth: int) -> str:
    if 1 <= depth <= len(levels):
        return levels[depth - 1]
    return f"第{depth}階層"


def level_of(levels: Sequence[str], name: str) -> int:
    """The depth of a level named as the plan names it (主要事業 → 2)."""
    name = name.strip()
    if name in levels:
        return list(levels).index(name) + 1
    raise RoundSettingError(f"階層「{name}」はこの計画にありません（{'／'.join(levels)}）。")
