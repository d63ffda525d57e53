#!/bin/sh
# Qt says "xcb-cursor0 is needed" when no display is set at all; say what to do instead.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  cat >&2 <<'MSG'
make run: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).
  - On a desktop session, run `make run` from a terminal inside it.
  - Over SSH, connect with `ssh -X`, or start a virtual screen:
        sudo apt-get install xvfb && xvfb-run -s "-screen 0 1366x768x24" make run
  - Without any screen, the command line works: .venv/bin/kodaira-desk --help
MSG
  exit 1
fi
