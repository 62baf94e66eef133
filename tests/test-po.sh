#!/bin/sh
# test-po.sh: every translation is valid and complete (no untranslated or fuzzy message), also
# against the strings the sources hold now: a string added to the code without its translation
# fails here, not in a German user's window.
#
#   test-po.sh PO_DIR [SOURCE_ROOT]
set -eu

po_dir=$1
src=${2:-}
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -n "$src" ]; then
  # The keywords of meson's i18n 'glib' preset (po/meson.build), which the pot target uses.
  (cd "$src" && xgettext --package-name=patchwise -o "$tmp/patchwise.pot" -D "$src" \
     -f po/POTFILES.in --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
     --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format) || { echo "xgettext failed"; exit 1; }
fi

for lang in $(sed 's/#.*//' "$po_dir/LINGUAS"); do
  po=$po_dir/$lang.po
  if [ -n "$src" ]; then
    msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/patchwise.pot" || status=1
    po=$tmp/$lang.po
  fi
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || status=1
  echo "$lang: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      status=1
      LC_ALL=C msgattrib --untranslated --only-fuzzy "$po" 2>/dev/null | grep '^msgid' | head -20
      LC_ALL=C msgattrib --untranslated "$po" 2>/dev/null | grep -A1 '^msgid' | head -40 ;;
  esac
done
exit $status
