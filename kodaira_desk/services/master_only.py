"""What only the policy division's master may do, refused in a department file (one rule for the
command line and the window): a clerk's 提出用_….kdesk given as the master (`--db`, a batch's wrong
variable) handed out from it, writing the hand-outs into the clerk's file and making files that
carry the real master's id, which the real master then refused: the clerks' typing could never be
collected.

Master-only: handing out, collecting, the round (status, reminders, deadlines, 了承, 確定, 修正),
every `plan` command (the structure cannot be edited there; a plan workbook exported from one 課's
part of a plan, imported into the master, would remove the rest), and a copy of the database.
A department file may still be read: `plans`, `export`, `report` write nothing into it and show only
its own 課's values, as the clerk's window does; `build-db` and `copy` never replace one (its typing
would be lost), whatever --force says."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.store.database import Database
from kodaira_desk.store.errors import is_department_file_at
from kodaira_desk.store.server import is_server_url

# said in the window's language (ui/domain_words.py: the context DomainMessages), in Japanese on the command line
NOT_A_MASTER = ("{file} は{department}の提出用ファイル（{year}）で、政策課の親データベースではありません。"
                "配布・回収・年度の確定と修正・計画の編集は親データベースで行ってください。このファイルには何も書き込んでいません。")
# the command line's refusal names the command refused, and what to run it on instead
NOT_A_MASTER_COMMAND = ("「{command}」は政策課の親データベースで行う操作です。{file} は{department}の提出用ファイル"
                        "（{year}）なので、実行しませんでした（このファイルには何も書き込んでいません）。"
                        "--db に政策課の親データベースを指定するか、--db を付けずに（既定のデータファイルで）実行してください。")
NOT_REPLACED = ("{file} は課の提出用ファイルです。置き換えると課が入力した値が失われるため、置き換えませんでした"
                "（--force でも置き換えません）。別のファイル名を指定してください。")
NOT_COPIED = ("{file} は課の提出用ファイルで、政策課の親データベースではありません。写せるのは親データベースだけです。"
              "このファイルには何も書き込んでいません。")


class NotAMasterError(DomainError):
    """A master-only action asked of a department file; nothing was written."""


def require_master(db: Database, command: str | None = None) -> None:
    """Refuse (NotAMasterError) when `db` is a department file: before anything is written.
    `command` (the command line's words, `kodaira-desk round status`) is named in the refusal."""
    facts = db.facts("file_kind", "department", "fiscal_year")
    if facts.get("file_kind") != "department":
        return
    year = facts.get("fiscal_year", "")
    said = {"file": db.name, "department": facts.get("department") or "課",
            "year": FiscalYear(int(year)).era_label() if year.isdigit() else "年度不明"}
    if command is not None:
        raise NotAMasterError.of(NOT_A_MASTER_COMMAND, command=command, **said)
    raise NotAMasterError.of(NOT_A_MASTER, **said)


def refuse_department_target(target: Path | str | None, *, source: bool = False) -> None:
    """Refuse a department file as what `build-db --out` or `copy --to` would replace, or as what
    `copy --from` would copy (`source`)."""
    if target is None or is_server_url(target):
        return
    path = Path(target)
    if path.is_file() and is_department_file_at(path):
        raise NotAMasterError.of(NOT_COPIED if source else NOT_REPLACED, file=path.name)
