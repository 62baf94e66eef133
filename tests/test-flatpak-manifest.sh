#!/bin/sh
# test-flatpak-manifest.sh: flatpak-builder parses the manifest, and the manifest builds this
# checkout with meson on the GNOME runtime, runs the tests, and asks for no more than it needs.
#
#   test-flatpak-manifest.sh MANIFEST APP_ID
#
# The runtime cannot be downloaded here, so the build itself is proved by the install-layout
# test, and the manifest's test step by build-aux/dev test-sandbox. build-aux/dev installs
# flatpak-builder, so a missing one is a failure (this test is in the host-tools suite, which
# the Flatpak's own test step leaves out).
set -eu

manifest=$1
app_id=$2

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder is not installed: build-aux/dev installs it" >&2
  exit 1
fi

parsed=$(flatpak-builder --show-manifest "$manifest")
printf '%s\n' "$parsed" | python3 -c '
import json, sys

app_id = sys.argv[1]
m = json.load(sys.stdin)
errors = []

def expect(what, ok):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        errors.append(what)

expect("id is " + app_id, m.get("id") == app_id)
expect("runtime is org.gnome.Platform", m.get("runtime") == "org.gnome.Platform")
expect("sdk is org.gnome.Sdk", m.get("sdk") == "org.gnome.Sdk")
expect("runtime-version is a stable GNOME release",
       str(m.get("runtime-version", "")).isdigit() and int(m["runtime-version"]) >= 47)
expect("command is patchwise", m.get("command") == "patchwise")
expect("finish-args are Wayland with X11 fallback, IPC and DRI only",
       sorted(m.get("finish-args", [])) ==
       sorted(["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]))
expect("no file system access (files go through portals)",
       not any(a.startswith("--filesystem") for a in m.get("finish-args", [])))
mods = [x for x in m.get("modules", []) if isinstance(x, dict) and x.get("name") == "patchwise"]
expect("a patchwise module", len(mods) == 1)
if mods:
    mod = mods[0]
    expect("built with meson", mod.get("buildsystem") == "meson")
    expect("runs the tests", mod.get("run-tests") is True)
    expect("runs the sandbox selection of the tests (-Dsandboxed_tests=true, ninja test)",
           "-Dsandboxed_tests=true" in mod.get("config-opts", []) and
           mod.get("test-rule", "test") == "test")
    expect("from the local checkout",
           any(s.get("type") == "dir" and s.get("path") == ".." for s in mod.get("sources", [])))
    if app_id.endswith(".Devel"):
        expect("the Devel build sets -Ddevelopment=true",
               "-Ddevelopment=true" in mod.get("config-opts", []))
sys.exit(1 if errors else 0)
' "$app_id"
