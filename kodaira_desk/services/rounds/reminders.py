"""催促: one mail draft per department not yet returned (or with 要確認 left), as an `.eml` file the
city's mail client opens as an unsent message. Nothing is sent by the app.

RFC 5322 through Python's `email` package, in UTF-8: headers as RFC 2047 encoded words, the body
base64, an attachment's Japanese name as RFC 2231 (`filename*=`, and `name*=` on its Content-Type
for readers that look there). Why UTF-8 rather than ISO-2022-JP: Outlook (the city's PCs),
Thunderbird, Becky! and web mail all read UTF-8, while ISO-2022-JP holds only JIS X 0208 and would
lose characters that are common in names and texts here (髙, 﨑, ①, ～ as Windows writes it).
`X-Unsent: 1` makes Outlook open the file as a draft to send; Thunderbird opens it as a message
and offers 「編集して新規」.
"""

from __future__ import annotations

import datetime
import mimetypes
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

from kodaira_desk.domain.era_text import era_date
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round import BoardState
from kodaira_desk.domain.round_year import deadline_text, parse_addresses
from kodaira_desk.io.atomic import AtomicWriteError, os_error_message, write_bytes
from kodaira_desk.services.master_only import require_master
from kodaira_desk.services.plan_editing.departments import list_departments
from kodaira_desk.services.rounds.common import RoundError
from kodaira_desk.services.rounds.overview import (
    NOT_RETURNED,
    DepartmentLine,
    RoundOverview,
    last_return_text,
    round_overview,
)
from kodaira_desk.store.database import Database

DIVISION = "政策課"
MAX_ATTACHMENT = 25 * 1024 * 1024  # what most mail servers take; a larger file is named, not attached
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Reminder:
    department: str
    path: Path  # the .eml draft
    to: tuple[str, ...]  # empty: no address in the 課 list (the draft has no To:)
    attached: str | None  # the file's name, when attached
    notes: tuple[str, ...] = ()  # what the person should know (no address, file not found)


def reminder_file_name(year: FiscalYear, department: str) -> str:
    return f"催促_{year.era_label()}_{department}.eml"


def make_reminders(db: Database, year: FiscalYear, out_dir: Path, departments: Sequence[str] | None = None, *,
                   attach: bool = False, sender: str | None = None, on: datetime.date | None = None) -> list[Reminder]:
    """A draft for each department the board says to remind (or each of `departments` among them);
    with `attach`, the hand-out's file goes with the drafts of departments that have not returned."""
    require_master(db)
    overview = round_overview(db, year, on)
    lines = [ln for ln in overview.lines if ln.reminded and (not departments or ln.department in departments)]
    if departments:
        unknown = [d for d in departments if d not in {ln.department for ln in overview.lines}]
        if unknown:
            raise RoundError(f"{year.era_label()}に配布していない課です: {'、'.join(unknown)}")
    from_address = _sender(db, sender)
    paths = _issued_paths(db) if attach else {}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RoundError(os_error_message(out_dir, exc)) from exc
    made = []
    for ln in lines:
        out = ln.state.state in NOT_RETURNED or ln.state.owed is not None  # (handed out again, 要確認: out too)
        issued = paths.get(ln.state.handout_id) if attach and out else None
        made.append(_write(overview, ln, out_dir, issued, attach and out, from_address))
    return made


def _issued_paths(db: Database) -> dict[str, Path | None]:
    with db.reading() as uow:
        return {h.id: Path(h.issued_path) if h.issued_path else None for h in uow.rounds.load_handouts()}


def _sender(db: Database, sender: str | None) -> Address | None:
    """The From: of the drafts: `sender`, else the policy division's address in the 課 list, else
    none (the mail client then uses its own account)."""
    if sender:
        (address,) = parse_addresses(sender)[:1] or ("",)
        return Address(DIVISION, addr_spec=address)
    for d in list_departments(db):
        if d.name == DIVISION and d.email:
            return Address(DIVISION, addr_spec=parse_addresses(d.email)[0])
    return None


def _write(ov: RoundOverview, ln: DepartmentLine, out_dir: Path, issued: Path | None, attach: bool,
           sender: Address | None) -> Reminder:
    notes: list[str] = []
    if not ln.addresses:
        notes.append(f"{ln.department} のメールアドレスが課の一覧にありません（宛先なしで作りました）。"
                     "計画の編集 > 課 で登録できます。")
    attachment = _attachment(ln, issued, notes) if attach else None
    msg = build_message(ov, ln, sender, attachment)
    path = out_dir / reminder_file_name(ov.year, ln.department)
    try:
        write_bytes(path, msg.as_bytes(policy=SMTP))
    except AtomicWriteError as exc:
        raise RoundError(exc.message) from exc
    return Reminder(ln.department, path, ln.addresses, attachment.name if attachment else None, tuple(notes))


def _attachment(ln: DepartmentLine, path: Path | None, notes: list[str]) -> Path | None:
    """The file handed out to the department, where the hand-out wrote it, if it is still that file."""
    if path is None or not path.is_file():
        notes.append(f"配布したファイル {ln.state.file_name} が見つからないため添付していません"
                     f"（{path.parent if path else '配布先のフォルダ'}）。")
        return None
    if path.stat().st_size > MAX_ATTACHMENT:
        notes.append(f"{path.name} は大きすぎるため添付していません（{path.stat().st_size // 1024 // 1024} MB）。")
        return None
    if path.suffix == ".kdesk" and _handout_of(path) != ln.state.handout_id:
        notes.append(f"{path.name} は配布したときのファイルではなくなっているため添付していません。")
        return None
    return path


def _handout_of(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'handout_id'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


def subject(year: FiscalYear, department: str) -> str:
    return f"【催促】{year.era_label()} 進捗状況・指標実績の提出について（{department}）"


def body(ov: RoundOverview, ln: DepartmentLine, attached: str | None) -> str:
    st = ln.state
    due = ov.settings.deadline
    lines = [f"{st.department} ご担当者様", "", f"{DIVISION}です。{ov.year.era_label()}の進捗状況・指標実績の"
             "提出用ファイルについてご連絡します。", ""]
    if due is not None:
        left = ov.days_left
        assert left is not None
        lines.append(f"提出期限: {era_date(due, weekday=True)}（{deadline_text(left)}）")
    if st.state == BoardState.ISSUED.value:
        lines.append("状況: まだ提出を確認できていません（未返却）。")
    elif st.state == BoardState.UNFILLED.value:
        lines.append("状況: 届いたファイルは一度も保存されていませんでした（未記入）。入力して保存してから送ってください。")
    else:
        why = "・".join(st.reasons) or (st.reason.splitlines()[0] if st.reason else "")
        lines.append(f"状況: 届いたファイルに確認が必要な点があります（要確認{': ' + why if why else ''}）。")
        if st.last_return is not None:
            lines.append(f"最後に受け取ったファイル: {last_return_text(st)}")
    lines.append(f"提出用ファイル: {st.file_name}" + ("（このメールに添付しています）" if attached else ""))
    lines += ["", *_what_to_do((st.file_name or "").lower().endswith(".xlsx"), ov.settings.head_check_required,
                                any(r.startswith("課長確認なし") for r in st.reasons))]
    lines += ["", "ご不明な点は政策課までお問い合わせください。", "", DIVISION]
    return "\n".join(lines) + "\n"


def _what_to_do(workbook: bool, check_required: bool, check_missing: bool) -> list[str]:
    """What the clerk does, in the file they were handed: a .kdesk in Kodaira Desk, a workbook in Excel
    (its head's check is typed on its first sheet)."""
    if workbook:
        lines = ["Excel でファイルを開き、黄色のセルに担当項目の実績と実施等状況を入力して保存し、"
                 ".xlsx のまま政策課へ返送してください（入力のしかたは「記入のしかた」シートにあります）。"]
        check, again = ("「記入のしかた」シートの黄色のセルに、確認した課長の氏名と確認した日を入力してください。",
                        "確認した課長の氏名と日を入力して保存し")
    else:
        lines = ["Kodaira Desk でファイルを開き、担当項目の実績と実施等状況を入力して、"
                 "「ファイル > 提出用に保存」で保存したファイルを政策課へ返送してください。"]
        check, again = "提出用に保存するときに、確認した課長の名前を入力してください。", "もう一度提出用に保存して"
    if check_required:
        lines.append(f"今年度は課長確認が必要です。{check}")
    if check_missing:
        lines.append(f"届いたファイルには課長確認がありませんでした。課長の確認を受けてから、{again}送ってください。")
    return lines


def build_message(ov: RoundOverview, ln: DepartmentLine, sender: Address | None,
                  attachment: Path | None) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    if sender is not None:
        msg["From"] = sender
    if ln.addresses:
        msg["To"] = [Address(ln.department, addr_spec=a) for a in ln.addresses]
    msg["Subject"] = subject(ov.year, ln.department)
    msg["Date"] = format_datetime(datetime.datetime.now().astimezone())
    msg["Message-ID"] = make_msgid(domain="kodaira-desk.invalid")
    msg["X-Unsent"] = "1"  # Outlook opens the file as a draft to send
    msg["X-Mailer"] = "Kodaira Desk"
    msg.set_content(body(ov, ln, attachment.name if attachment else None), charset="utf-8", cte="base64")
    if attachment is not None:
        kind = _XLSX if attachment.suffix == ".xlsx" else (
            mimetypes.guess_type(attachment.name)[0] or "application/octet-stream")
        maintype, subtype = kind.split("/", 1)
        msg.add_attachment(attachment.read_bytes(), maintype=maintype, subtype=subtype, filename=attachment.name)
        part = msg.get_payload()[-1]  # type: ignore[index]
        assert isinstance(part, EmailMessage)
        part.set_param("name", attachment.name, header="Content-Type")  # older readers look here
    return msg
