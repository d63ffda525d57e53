#!/bin/sh
# What `make dist` / `make deb` need beyond `make setup`, installed with apt-get (through sudo when not
# root) only when missing, so a second run asks for nothing:
#   - objdump (binutils): PyInstaller calls it on Linux;
#   - Python's shared library (libpython3.X): the bundle's interpreter. Debian's python3 is linked
#     statically and ships the shared library as a package of its own.
# dpkg-deb comes with dpkg. Usage: sh installer/packaging-deps.sh [PYTHON]   (default: .venv/bin/python)
set -eu
PY=${1:-.venv/bin/python}

need=""
command -v objdump >/dev/null 2>&1 || need="$need binutils"
if ! "$PY" -c 'from PyInstaller.depend.bindepend import get_python_library_path as g; g()' >/dev/null 2>&1; then
  need="$need $("$PY" -c 'import sys; print("libpython%d.%d" % sys.version_info[:2])')"
fi
[ -z "$need" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "packaging-deps: PyInstaller needs:$need (objdump; Python's shared library); install them yourself." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "packaging-deps: these packages are missing and there is no sudo:$need" >&2
  echo "packaging-deps: as root, run: apt-get install -y$need" >&2
  exit 1
fi
echo "packaging-deps: installing:$need"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $need
