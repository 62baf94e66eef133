#!/bin/sh
# test-i18n.sh: the real `patchwise check`, run in German against the catalogue built into
# the build directory, prints German findings.
#
#   test-i18n.sh PATCHWISE LOCALEDIR PLAN
#
# LOCALEDIR holds de/LC_MESSAGES/patchwise.mo (i18n.gettext builds it in <builddir>/po).
# de_DE.UTF-8 is used when the system has it; otherwise C.UTF-8, where glibc still honours
# LANGUAGE. The test installs nothing.
set -eu

patchwise=$1
localedir=$2
plan=$3

echo "TAP version 13"
echo "1..3"

if [ ! -f "$localedir/de/LC_MESSAGES/patchwise.mo" ]; then
  echo "not ok 1 - $localedir/de/LC_MESSAGES/patchwise.mo was built"
  exit 1
fi
echo "ok 1 - the German catalogue was built"

if locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
  lc=de_DE.UTF-8
else
  lc=C.UTF-8
fi

out=$(PATCHWISE_LOCALEDIR=$localedir LANGUAGE=de LANG=de_DE.UTF-8 LC_ALL=$lc \
      "$patchwise" check "$plan") || status=$?
status=${status:-0}
printf '%s\n' "$out" | sed 's/^/# /'

if printf '%s\n' "$out" | grep -q 'Die Quelle braucht Phantomspeisung, die dieser Eingang nicht liefert'; then
  echo "ok 2 - the finding is in German (LC_ALL=$lc)"
else
  echo "not ok 2 - the finding is in German (LC_ALL=$lc)"
  exit 1
fi

# phantom-missing is an error (DESIGN.md v2 §6): exit status 1.
if printf '%s\n' "$out" | grep -q '1 Fehler, 0 Warnungen, 0 Hinweise; 2 Geräte, 1 Kabel' &&
   [ "$status" -eq 1 ]; then
  echo "ok 3 - the summary is in German and the exit status is 1"
else
  echo "not ok 3 - the summary is in German and the exit status is 1 (got $status)"
  exit 1
fi
