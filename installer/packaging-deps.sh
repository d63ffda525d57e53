#!/bin/sh
# What `make dist` / `make deb` need beyond `make setup`: PyInstaller calls objdump (binutils) on
# Linux; dpkg-deb comes with dpkg. Installs binutils with apt-get (through sudo when not root) only
# when it is missing, so a second run asks for nothing.
set -eu
command -v objdump >/dev/null 2>&1 && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "packaging-deps: PyInstaller needs objdump; install binutils with your package manager." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "packaging-deps: PyInstaller needs objdump; as root, run: apt-get install -y binutils" >&2
  exit 1
fi
echo "packaging-deps: installing: binutils"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends binutils
