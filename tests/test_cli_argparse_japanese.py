"""The command line's own argument errors (argparse's) are in Japanese like the rest of the CLI:
「エラー: …」 after the usage line (使い方:), a hint to --help, exit status 2, no English sentence and
never a traceback; --help's headings are Japanese too."""

from __future__ import annotations

import re

import pytest

from kodaira_desk.cli import main
from kodaira_desk.cli_parser import in_japanese

ENGLISH = re.compile(r"\b(error|usage|expected|argument|arguments|required|invalid|choose|unrecognized)\b")


@pytest.mark.parametrize(("argv", "said"), [
    (["--db"], "エラー: --db: 値をひとつ指定してください"),
    (["plan", "copy"], "エラー: 次の指定が必要です: --plan, --to, --period"),
    (["frob"], "エラー: COMMAND: 「frob」はありません（指定できるもの: plans, export, report"),
    (["report", "progress", "--years"], "エラー: --years: 値をひとつ指定してください"),
    (["plans", "extra"], "エラー: 使えない指定があります: extra"),
    (["report", "--draft=3", "progress"], "エラー: --draft、--no-draft: このオプションに値「3」は指定できません"),
    (["round", "status", "--year"], "エラー: --year: 値をひとつ指定してください"),
])
def test_a_wrong_command_line_is_told_in_japanese(argv: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    out = capsys.readouterr()
    assert out.out == "" and "Traceback" not in out.err
    lines = out.err.splitlines()
    assert lines[0].startswith("使い方: kodaira-desk")
    assert said in out.err, out.err
    assert lines[-1].endswith("--help」で使い方を表示します。")
    error_line = next(line for line in lines if line.startswith("エラー: "))
    assert not ENGLISH.search(error_line), error_line


def test_help_is_headed_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["plan", "copy", "--help"])
    assert ended.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("使い方: kodaira-desk plan copy") and "オプション:" in out
    assert "この説明を表示して終わります" in out
    assert not ENGLISH.search(out.replace("--", " ")), out


def test_a_message_not_known_is_left_as_it_is() -> None:
    assert in_japanese("--years の範囲が逆です") == "--years の範囲が逆です"
