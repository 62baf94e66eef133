#!/usr/bin/env python3
"""Run patchwise check on every judging plan and compare with NAME.expect.json.
Usage: python3 run.py [--bin PATH] [NAME-substring ...]"""
import json, os, subprocess, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
BIN = os.environ.get("PATCHWISE", "patchwise")
if args[:1] == ["--bin"]:
    BIN, args = args[1], args[2:]
KEY = ("code", "severity", "cable", "device", "port")
# §6 "who a finding names" does not cover these: naming differences are shown as notes only
NAMING_FREE = {"connector-mismatch", "gender-mismatch",
               # §6: "names the cable with the most ends on the joined net"; which of the joined
               # outputs it also names is left open (patchwise names one of them).
               "outputs-joined"}

def key(f):
    return tuple(f.get(k) for k in KEY)

def fmt(k):
    return "%s/%s cable=%s device=%s port=%s" % k

plans = sorted(f[:-len(".patchwise")] for f in os.listdir(os.path.join(HERE, "plans")) if f.endswith(".patchwise"))
if args:
    plans = [p for p in plans if any(a in p for a in args)]
ok = bad = loadfail = 0
for name in plans:
    path = os.path.join(HERE, "plans", name + ".patchwise")
    exp = json.load(open(os.path.join(HERE, "plans", name + ".expect.json")))
    r = subprocess.run([BIN, "check", "--format=json", path], capture_output=True, text=True)
    if r.returncode == 2:
        if exp["load_error"]:
            ok += 1
            print("OK   %s (load error as expected: %s)" % (name, r.stderr.strip().splitlines()[-1:] ))
        else:
            loadfail += 1
            print("LOAD %s: %s" % (name, r.stderr.strip()))
        continue
    if exp["load_error"]:
        bad += 1
        print("DIFF %s: expected a load error, got exit %d" % (name, r.returncode))
        continue
    try:
        got = json.loads(r.stdout.strip().splitlines()[0])
    except Exception as e:
        bad += 1
        print("DIFF %s: unparsable output (%s): %r %r" % (name, e, r.stdout[:300], r.stderr[:300]))
        continue
    gk = Counter(key(f) for f in got["findings"])
    ek = Counter(key(f) for f in exp["findings"])
    missing = list((ek - gk).elements())
    extra = list((gk - ek).elements())
    # pair naming differences: same code+cable
    naming = []
    for m in list(missing):
        for x in list(extra):
            if m[0] == x[0] and m[2] == x[2]:
                naming.append((m, x)); missing.remove(m); extra.remove(x); break
    links = {l["cable"]: l["class"] for l in got.get("links", [])}
    free = [(m, x) for (m, x) in naming if m[0] in NAMING_FREE]
    naming = [(m, x) for (m, x) in naming if m[0] not in NAMING_FREE]
    ldiff = [(c, cl, links.get(c)) for c, cl in exp["links"].items() if links.get(c) != cl]
    # exit code
    errs = any(f["severity"] == "error" for f in exp["findings"])
    rcdiff = (r.returncode != (1 if errs else 0))
    if not (missing or extra or naming or ldiff):
        ok += 1
        print("OK   %s%s%s" % (name, "  (exit %d?)" % r.returncode if rcdiff else "",
                                "".join("  (naming not fixed by §6: got %s/%s)" % (x[3], x[4]) for m, x in free)))
        continue
    bad += 1
    print("DIFF %s" % name)
    for m in missing:
        print("       missing: " + fmt(m))
    for x in extra:
        det = [f.get("detail") or f.get("message") for f in got["findings"] if key(f) == x]
        print("       extra:   " + fmt(x) + "   -- " + str(det[0] if det else "")[:160])
    for m, x in naming:
        print("       naming:  expected " + fmt(m) + "\n                got      " + fmt(x))
    for c, e, g in ldiff:
        print("       link %s: expected %s, got %s" % (c, e, g))
print("\n%d ok, %d differ, %d failed to load (of %d)" % (ok, bad, loadfail, len(plans)))
sys.exit(1 if bad or loadfail or not plans else 0)
