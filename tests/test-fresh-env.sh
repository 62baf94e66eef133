#!/bin/sh
# test-fresh-env.sh: build-aux/fresh-env shows the tests only what a fresh machine has: the
# programs and fonts of the packages it is given, their dependencies and the base system.
#
#   test-fresh-env.sh SOURCE_ROOT WORK_DIR
#
# build-aux/dev has installed poppler-utils and fonts-noto-cjk, so both are on this machine;
# left out of the list, neither may be seen.
set -eu

src=$1
work=$2

echo "TAP version 13"
n=0
fails=0
check() {
  n=$((n + 1))
  if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fails=$((fails + 1)); fi
}

rm -rf "$work"
python3 "$src/build-aux/fresh-env" "$work/without" python3 fonts-dejavu-core
python3 "$src/build-aux/fresh-env" "$work/with" python3 fonts-dejavu-core poppler-utils fonts-noto-cjk
python3 "$src/build-aux/fresh-env" "$work/hidden" python3 fonts-dejavu-core poppler-utils \
  fonts-noto-cjk --hide poppler-utils

fonts() { FONTCONFIG_FILE="$work/$1/fonts.conf" fc-list "$2" file; }

check "the base system's programs are there (sh, sed)" \
  '[ -x "$work/without/bin/sh" ] && [ -x "$work/without/bin/sed" ]'
check "a named package's programs are there (pdftotext)" '[ -x "$work/with/bin/pdftotext" ]'
check "a package left out is not (pdftotext)" '[ ! -e "$work/without/bin/pdftotext" ]'
check "--hide takes a named package out again" '[ ! -e "$work/hidden/bin/pdftotext" ]'
check "a dependency of a named package is there (python3 -> its interpreter)" \
  '[ -x "$work/without/bin/python3" ]'
check "a named font package's fonts are there (DejaVu Sans)" \
  'fonts without :family="DejaVu Sans" | grep -q DejaVuSans'
check "a Japanese font only when fonts-noto-cjk is named" \
  '[ -z "$(fonts without :lang=ja)" ] && [ -n "$(fonts with :lang=ja)" ]'
check "no font that no named package installed" \
  'for f in $(fonts with "" | sed "s/:.*//"); do dpkg -S "$f" >/dev/null 2>&1 || exit 1;
     pkg=$(dpkg -S "$f" | sed "s/:.*//" | head -n1); grep -qx "$pkg" "$work/with/packages" || exit 1; done'
check "it lists what it counted" 'grep -qx poppler-utils "$work/with/packages"'
check "an unknown package is an error, not a silent gap" \
  '! python3 "$src/build-aux/fresh-env" "$work/bad" no-such-package-here 2>/dev/null'

echo "1..$n"
[ "$fails" -eq 0 ]
