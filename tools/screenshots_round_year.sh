#!/usr/bin/env bash
# Screenshots of the round as a year runs (issue 24) on a real X server at 1366x768, the app driven
# with keys and clicks as a person does:
#   /work/shared/tools/under-x bash tools/screenshots_round_year.sh docs/screenshots
# Two 令和8年度 rounds are prepared (kodaira_desk/tools/round_year_scenario.py): one whose deadline
# is 19 days ahead of 2026-12-06, one whose deadline passed two days before.
set -eu
out=$(realpath "${1:-docs/screenshots}")
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/kd-round-year-shots.XXXX)
export HOME=$work/home XDG_CONFIG_HOME=$work/config KODAIRA_DESK_DATA_DIR=$work/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/KodairaCity" "$out"
printf '[user]\nname=政策課 山田\n' > "$XDG_CONFIG_HOME/KodairaCity/KodairaDesk.conf"
PY=$here/.venv/bin/python
K=$here/.venv/bin/kodaira-desk
"$PY" -m kodaira_desk.tools.round_year_scenario "$work/ahead" --deadline 2026-12-25 >/dev/null
"$PY" -m kodaira_desk.tools.round_year_scenario "$work/passed" --deadline 2026-12-04 >/dev/null
big() { local w; w=$(xdotool search --onlyvisible --name "${1:-.}" | tail -n1); xdotool windowmove --sync "$w" 0 0; xdotool windowsize --sync "$w" 1366 768; }
for s in ahead passed; do
  "$K" --db "$work/$s/master.sqlite" & app=$!
  sleep 8; focus; big; sleep 1
  xdotool key alt+r; sleep 0.7; xdotool key Down Return; sleep 3   # 年次作業 > 回収状況と取り込み
  focus; sleep 1; shot "$out/round-year-board-$s"
  xdotool key Escape; sleep 1
  kill $app; sleep 1
  "$K" "$work/$s/配布_令和8年度/提出用_令和8年度_健康推進課.kdesk" & app=$!
  sleep 8; focus; big 健康推進課; sleep 1
  xdotool key ctrl+f; sleep 0.5
  printf '妊婦健康診査' | xclip -selection clipboard; xdotool key ctrl+v; sleep 0.5; xdotool key Return; sleep 2
  xdotool mousemove 190 206 click 1; sleep 2                       # the 第二期 plan's measure
  shot "$out/round-year-clerk-$s"
  if [ $s = ahead ]; then
    xdotool key alt+f; sleep 0.5; xdotool key c; sleep 2; shot "$out/round-year-check"      # 提出前チェック
    xdotool key Escape; sleep 1; focus 健康推進課
    xdotool key alt+f; sleep 0.5; xdotool key t; sleep 2; shot "$out/round-year-submit"     # 提出用に保存
    xdotool key Escape; sleep 1
  fi
  kill $app; sleep 1
done
rm -rf "$work"
