"""The command line's argument parser in Japanese: argparse's own messages (a missing value, an
unknown command, a required option left out) and the headings of `--help` said as the rest of the
CLI says things (「エラー: …」), with the usage line and how to get help. The words a person types
(options, commands, values) are kept as typed. Python's argparse wraps its texts in gettext but
ships no Japanese: they are translated here, by their English patterns (Python 3.11's)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn

# argparse's messages (their English as Python formats them) → Japanese; {0}, {1}: the parts matched
_MESSAGES: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern, re.DOTALL), words) for pattern, words in (
    (r"expected one argument", "値をひとつ指定してください"),
    (r"expected at most one argument", "値は多くてもひとつです"),
    (r"expected at least one argument", "値をひとつ以上指定してください"),
    (r"expected (\d+) arguments?", "値を {0} 個指定してください"),
    (r"the following arguments are required: (.*)", "次の指定が必要です: {0}"),
    (r"one of the arguments (.*) is required", "次のどれかを指定してください: {0}"),
    (r"unrecognized arguments: (.*)", "使えない指定があります: {0}"),
    (r"invalid choice: '(.*)' \(choose from (.*)\)", "「{0}」はありません（指定できるもの: {1}）"),
    (r"invalid choice: (.*) \(choose from (.*)\)", "「{0}」はありません（指定できるもの: {1}）"),
    (r"invalid \S+ value: '(.*)'", "「{0}」は使えない値です"),
    (r"invalid \S+ value: (.*)", "「{0}」は使えない値です"),
    (r"not allowed with argument (.*)", "{0} と同時には指定できません"),
    (r"ignored explicit argument '(.*)'", "このオプションに値「{0}」は指定できません"),
    (r"ambiguous option: (\S+) could match (.*)", "{0} がどのオプションのことか決まりません（候補: {1}）"),
    (r"unexpected option string: (.*)", "オプション {0} はここでは使えません"),
    (r"can't open '(.*)': (.*)", "{0} を開けません（{1}）"),
)]
_ARGUMENT = re.compile(r"argument (\S+): (.*)", re.DOTALL)
# the headings and the built-in options' help of `--help`
_HELP = (("usage: ", "使い方: "), ("positional arguments:", "引数:"), ("options:", "オプション:"),
         ("show this help message and exit", "この説明を表示して終わります"),
         ("show program's version number and exit", "バージョンを表示して終わります"))


def out_path(text: str) -> Path:
    """An --out value: refused when empty (`--out "%OUT%"` from a batch whose variable is unset):
    taken as the folder the batch runs in, a report was said 「ほかのプログラムが使用中です」 and a
    hand-out wrote its files there."""
    if not text.strip():
        raise argparse.ArgumentTypeError("書き出し先が空です（バッチファイルの変数が空のままかもしれません）。"
                                         "ファイルかフォルダの名前を指定してください")
    return Path(text)


def in_japanese(message: str) -> str:
    """argparse's message in Japanese (an unknown one, or one already Japanese, as it is)."""
    argument = _ARGUMENT.fullmatch(message)
    if argument is not None:  # "argument --db: expected one argument"
        name = argument.group(1).replace("/", "、")
        return f"{name}: {in_japanese(argument.group(2))}"
    for pattern, words in _MESSAGES:
        found = pattern.fullmatch(message)
        if found is not None:
            return words.format(*(part.replace("'", "") for part in found.groups()))
    return message


def _help_in_japanese(text: str) -> str:
    for english, japanese in _HELP:
        text = text.replace(english, japanese)
    return text


class JapaneseArgumentParser(argparse.ArgumentParser):
    """argparse.ArgumentParser whose errors and help are in Japanese (its subcommands' parsers too:
    add_subparsers makes them of the same class)."""

    def format_usage(self) -> str:
        return _help_in_japanese(super().format_usage())

    def format_help(self) -> str:
        return _help_in_japanese(super().format_help())

    def error(self, message: str) -> NoReturn:
        """The usage line, 「エラー: …」 in Japanese and where to read more; exit status 2 (as argparse)."""
        self.print_usage(sys.stderr)
        self.exit(2, f"エラー: {in_japanese(message)}\n「{self.prog} --help」で使い方を表示します。\n")
