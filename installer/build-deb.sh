#!/bin/sh
# Debian package of the one-folder build, with dpkg-deb only (no network, no debhelper).
#
#   sh installer/build-deb.sh [BUNDLE_DIR] [OUT_DIR]      (`make deb` runs it after `make dist`)
#
# BUNDLE_DIR defaults to dist/kodaira-desk, OUT_DIR to dist. Writes OUT_DIR/kodaira-desk_<version>_<arch>.deb:
#   /opt/kodaira-desk/                                    the PyInstaller build, as it is
#   /usr/bin/kodaira-desk -> /opt/kodaira-desk/kodaira-desk
#   /usr/share/applications/kodaira-desk.desktop          (MimeType: the .kdesk department file)
#   /usr/share/mime/packages/kodaira-desk.xml             (*.kdesk → application/x-kodaira-desk-department)
#   /usr/share/icons/hicolor/scalable/apps/kodaira-desk.svg
#   /usr/share/doc/kodaira-desk/copyright
# No maintainer scripts: the desktop database and icon cache are refreshed by the dpkg triggers of
# desktop-file-utils, shared-mime-info and hicolor-icon-theme. The per-user data files are never touched.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=$(cd "${1:-$ROOT/dist/kodaira-desk}" 2>/dev/null && pwd) || {
  echo "build-deb: no bundle at ${1:-$ROOT/dist/kodaira-desk}; run \`make dist\` first" >&2; exit 1; }
OUT=${2:-$ROOT/dist}
[ -x "$BUNDLE/kodaira-desk" ] || { echo "build-deb: $BUNDLE/kodaira-desk is missing; run \`make dist\`" >&2; exit 1; }

# The one source of the version: kodaira_desk/__init__.py
VERSION=$(sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' "$ROOT/kodaira_desk/__init__.py")
[ -n "$VERSION" ] || { echo "build-deb: no __version__ in kodaira_desk/__init__.py" >&2; exit 1; }
ARCH=$(dpkg --print-architecture)
DEB="$OUT/kodaira-desk_${VERSION}_${ARCH}.deb"

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/kodaira-desk-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT INT TERM
PKG="$STAGE/pkg"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
         "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/kodaira-desk" \
         "$PKG/usr/share/mime/packages"

cp -a "$BUNDLE" "$PKG/opt/kodaira-desk"
ln -s /opt/kodaira-desk/kodaira-desk "$PKG/usr/bin/kodaira-desk"
cp "$ROOT/installer/debian/kodaira-desk.desktop" "$PKG/usr/share/applications/"
cp "$ROOT/installer/debian/kodaira-desk-mime.xml" "$PKG/usr/share/mime/packages/kodaira-desk.xml"
cp "$ROOT/resources/icons/kodaira-desk.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/"
cp "$ROOT/installer/debian/copyright" "$PKG/usr/share/doc/kodaira-desk/"

# root:root (dpkg-deb --root-owner-group), directories 755, files 644 unless executable
find "$PKG" -type d -exec chmod 0755 {} +
find "$PKG" -type f -exec chmod u+rw,go+r,go-w {} +

SIZE=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$SIZE/" \
    "$ROOT/installer/debian/control.in" > "$PKG/DEBIAN/control"

mkdir -p "$OUT"
# xz -6 (Debian's default) gives the smallest file and takes one to two minutes here; for a quick
# local package DEB_COMPRESS="-Zgzip" takes about 25 s for a third more bytes
# shellcheck disable=SC2086
dpkg-deb --root-owner-group ${DEB_COMPRESS:--Zxz} --build "$PKG" "$DEB" >/dev/null
echo "build-deb: $DEB ($(du -h "$DEB" | cut -f1))"
