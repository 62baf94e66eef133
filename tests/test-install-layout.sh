#!/bin/sh
# test-install-layout.sh: install the project as Flatpak builds it (prefix /app) into a
# staging directory, and check that every file Flatpak exports, and every file the app
# needs at run time, is there under the app id.
#
#   test-install-layout.sh SOURCE_ROOT WORK_DIR APP_ID [MESON_OPTION…]
#
# WORK_DIR keeps its own build directory between runs, so only the first run compiles
# everything. The staging directory is made afresh each time.
set -eu

src=$1
work=$2
app_id=$3
shift 3

build=$work/build
dest=$work/dest
prefix=/app

echo "TAP version 13"
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

mkdir -p "$work"
log=$work/log
if [ ! -f "$build/build.ninja" ]; then
  rm -rf "$build"
  meson setup "$build" "$src" --prefix=$prefix -Dbuildtype=plain "$@" >"$log" 2>&1 ||
    { sed 's/^/# /' "$log"; echo "Bail out! meson setup failed"; exit 1; }
else
  meson configure "$build" "$@" >"$log" 2>&1 ||
    { sed 's/^/# /' "$log"; echo "Bail out! meson configure failed"; exit 1; }
fi
rm -rf "$dest"
if meson install -C "$build" --destdir "$dest" >"$log" 2>&1; then
  ok "meson install --destdir at prefix $prefix"
else
  tail -n 40 "$log" | sed 's/^/# /'
  not_ok "meson install --destdir at prefix $prefix"
  echo "1..$n"
  exit 1
fi

root=$dest$prefix
for f in \
  bin/patchwise \
  share/applications/$app_id.desktop \
  share/metainfo/$app_id.metainfo.xml \
  share/icons/hicolor/scalable/apps/$app_id.svg \
  share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg \
  share/glib-2.0/schemas/$app_id.gschema.xml \
  share/mime/packages/$app_id.xml \
  share/dbus-1/services/$app_id.service \
  share/locale/de/LC_MESSAGES/patchwise.mo
do
  check "$f is installed" "[ -s '$root/$f' ]"
done
check "bin/patchwise is executable" "[ -x '$root/bin/patchwise' ]"

# Flatpak exports only files named after the app id (an icon may add a suffix).
bad=$(cd "$root/share" &&
      find applications metainfo icons mime/packages dbus-1/services -type f 2>/dev/null |
      while read -r f; do
        case $(basename "$f") in
          "$app_id".*|"$app_id"-*) ;;
          *) echo "$f" ;;
        esac
      done)
check "every exported file is named after $app_id${bad:+ (not: $bad)}" "[ -z '$bad' ]"

desktop=$root/share/applications/$app_id.desktop
check "the desktop file runs patchwise and shows the app icon" \
  "grep -qx 'Exec=patchwise %U' '$desktop' && grep -qx 'Icon=$app_id' '$desktop'"
check "the desktop file opens application/x-patchwise" \
  "grep -q '^MimeType=.*application/x-patchwise;' '$desktop'"
check "the desktop file is translated into German" "grep -q '^Comment\\[de\\]=' '$desktop'"
check "the metainfo names $app_id and its launchable" \
  "grep -q '<id>$app_id</id>' '$root/share/metainfo/$app_id.metainfo.xml' &&
   grep -q '<launchable type=\"desktop-id\">$app_id.desktop</launchable>' '$root/share/metainfo/$app_id.metainfo.xml'"
check "the D-Bus service starts $prefix/bin/patchwise as $app_id" \
  "grep -qx 'Name=$app_id' '$root/share/dbus-1/services/$app_id.service' &&
   grep -q '^Exec=$prefix/bin/patchwise ' '$root/share/dbus-1/services/$app_id.service'"
check "the schema id is $app_id" \
  "grep -q 'schema id=\"$app_id\"' '$root/share/glib-2.0/schemas/$app_id.gschema.xml'"
check "the schema compiles" \
  "glib-compile-schemas --strict --dry-run '$root/share/glib-2.0/schemas'"
check "the MIME type maps *.patchwise to application/x-patchwise" \
  "grep -q 'type=\"application/x-patchwise\"' '$root/share/mime/packages/$app_id.xml' &&
   grep -q 'pattern=\"\\*.patchwise\"' '$root/share/mime/packages/$app_id.xml'"
check "the installed patchwise runs" "'$root/bin/patchwise' --version >/dev/null"

echo "1..$n"
[ "$fails" -eq 0 ]
