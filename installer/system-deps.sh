#!/bin/sh
# Installs the Debian packages Kodaira Desk needs that are missing, with sudo when not root.
# Checks what is there first, so a second run installs nothing and asks for nothing.
set -eu

need=""
add() { need="$need $1"; }

if ! command -v python3 >/dev/null 2>&1; then
  add python3
fi
# venv needs ensurepip, which Debian ships in python3-venv.
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  add python3-venv
fi

if command -v dpkg-query >/dev/null 2>&1; then
  # Qt offscreen and on a display, the Japanese font, pdftoppm for report pages, and what
  # PyInstaller needs for the bundle test (objdump; a shared libpython, as Debian's python3 is static),
  # LibreOffice (headless) for the workbook tests and the report benchmarks, and a PostgreSQL
  # server for the tests that run the master on PostgreSQL (each test starts a throwaway cluster),
  # and what the accessibility tests need to read the window as a screen reader does: an X server
  # (Xvfb), a session D-Bus, the AT-SPI bus and registry, Debian's python3-pyatspi, and xdotool
  # to type (tests/a11y).
  for pkg in libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 \
             libxkbcommon0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
             libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 \
             libxkbcommon-x11-0 fonts-ipaexfont-gothic fonts-ipaexfont-mincho poppler-utils \
             binutils libpython3.11 libreoffice-calc-nogui postgresql \
             xvfb xdotool dbus-daemon at-spi2-core python3-pyatspi; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      add "$pkg"
    fi
  done
else
  echo "system-deps: not a Debian system; install Python 3.11+, venv and Qt's libraries yourself." >&2
  [ -z "$need" ] || exit 1
  exit 0
fi

[ -z "$need" ] && exit 0

echo "system-deps: installing:$need"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "system-deps: these packages are missing and there is no sudo: $need" >&2
  echo "system-deps: as root, run: apt-get install -y$need" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $need
