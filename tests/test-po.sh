#!/bin/sh
# test-po.sh: every translation is valid and complete (no untranslated or fuzzy message).
#
#   test-po.sh PO_DIR
set -eu

po_dir=$1
status=0
for lang in $(sed 's/#.*//' "$po_dir/LINGUAS"); do
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po_dir/$lang.po" 2>&1) || status=1
  echo "$lang: $stats"
  case $stats in
    *untranslated*|*fuzzy*) status=1 ;;
  esac
done
exit $status
