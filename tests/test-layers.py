#!/usr/bin/env python3
# test-layers.py: each layer of DESIGN.md §1 is built with only the libraries it may use, so that
# a wrong #include fails to build. Reads the compile commands meson wrote for this build.
#
#   test-layers.py BUILD_ROOT
import json
import os
import sys

# What no source file of the layer may see on its include path.
FORBIDDEN = {
    "model": ["gtk-4.0", "libadwaita-1", "cairo", "pango-1.0"],
    "check": ["gtk-4.0", "libadwaita-1", "cairo", "pango-1.0"],
    "io": ["gtk-4.0", "libadwaita-1", "cairo", "pango-1.0"],
    "render": ["gtk-4.0", "libadwaita-1"],
    "cli": ["gtk-4.0", "libadwaita-1"],
}
# The layers that a layer's include path may name, besides its own folder and src/.
ALLOWED_LAYERS = {
    "model": [],
    "check": ["model"],
    "io": ["model"],
    "render": ["model", "check"],
    "cli": ["model", "check", "io", "render"],
}

build_root = sys.argv[1]
with open(os.path.join(build_root, "compile_commands.json"), encoding="utf-8") as f:
    commands = json.load(f)

print("TAP version 13")
n = 0
failed = 0
seen = set()
for entry in commands:
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    parts = path.split(os.sep)
    if "src" not in parts:
        continue
    i = len(parts) - 1 - parts[::-1].index("src")
    if i + 2 >= len(parts) or parts[i + 1] not in FORBIDDEN:
        continue
    layer = parts[i + 1]
    args = entry.get("command", "").split() if "command" in entry else entry["arguments"]
    includes = [a[2:] for a in args if a.startswith("-I")]
    bad = [inc for inc in includes for lib in FORBIDDEN[layer] if "/" + lib in inc]
    other = [inc for inc in includes
             if os.path.basename(os.path.normpath(inc)) in FORBIDDEN.keys() | {"ui"}
             and os.path.basename(os.path.normpath(inc)) not in ALLOWED_LAYERS[layer] + [layer]
             and os.path.basename(os.path.dirname(os.path.normpath(inc))) == "src"]
    n += 1
    name = "%s/%s sees only what its layer may use" % (layer, parts[-1])
    if bad or other:
        failed += 1
        print("not ok %d - %s: %s" % (n, name, " ".join(bad + other)))
    else:
        print("ok %d - %s" % (n, name))
    seen.add(layer)
for layer in FORBIDDEN:
    n += 1
    if layer in seen:
        print("ok %d - layer %s has sources" % (n, layer))
    else:
        failed += 1
        print("not ok %d - layer %s has no compile commands" % (n, layer))
print("1..%d" % n)
sys.exit(1 if failed else 0)
