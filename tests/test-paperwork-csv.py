#!/usr/bin/env python3
# test-paperwork-csv.py: the paperwork of DESIGN.md §9 read back as a user
# reads it: each CSV through Python's csv module, the label sheet and the
# drawing set through pdftotext, all compared with the plan itself.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

PATCHWISE = os.environ["PATCHWISE"]
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.abspath(__file__)))
ROOT = os.environ.get("PW_SOURCE_ROOT", os.path.dirname(SRCDIR))
SPLIT = os.path.join(SRCDIR, "paperwork", "split.patchwise")
EXAMPLES = [os.path.join(ROOT, "data", "examples", name)
            for name in ("home-studio.patchwise", "live-band.patchwise",
                         "headphone-rig.patchwise")]
HEADERS = {
    "schedule": ["label", "from device", "from port", "to device", "to port", "cable type",
                 "length", "link class", "findings"],
    "bom": ["type", "name", "length (m)", "count"],
    "inputs": ["channel", "source", "path", "phantom", "level", "link class"],
    "labels": ["label", "end", "text", "link class"],
}

results = []
tmp = tempfile.mkdtemp(prefix="pw-paperwork-")


def check(name, fn):
    try:
        fn()
        results.append((True, name, None))
    except Exception as e:  # noqa: BLE001 - every failure is reported
        results.append((False, name, repr(e)))


def export(plan, table, suffix=".csv", extra=()):
    out = os.path.join(tmp, os.path.basename(plan) + "-" + (table or "set") + suffix)
    args = [PATCHWISE, "export", plan, "-o", out] + (["--table=" + table] if table else [])
    r = subprocess.run(args + list(extra), capture_output=True, text=True)
    assert r.returncode == 0, (args, r.returncode, r.stderr)
    return out


def read_csv(path):
    raw = open(path, "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    text = raw.decode("utf-8")
    # RFC 4180: every record ends in CRLF.
    assert text.endswith("\r\n"), "records end in CRLF"
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    return rows[0], rows[1:]


def plan_json(path):
    return json.load(open(path, encoding="utf-8"))


def names(plan):
    return {d["id"]: d.get("name") or d["id"] for d in plan["devices"]}


def test_headers(plan):
    def run():
        for table, header in HEADERS.items():
            got, _ = read_csv(export(plan, table))
            assert got == header, (table, got)
    return run


def test_schedule(plan_path):
    def run():
        plan = plan_json(plan_path)
        dev = names(plan)
        _, rows = read_csv(export(plan_path, "schedule"))
        assert len(rows) == len(plan["cables"]), (len(rows), len(plan["cables"]))
        for row, cable in zip(rows, plan["cables"]):
            assert row[0] == (cable.get("label") or cable["id"]), (row[0], cable)
            assert row[5] == cable["type"], (row[5], cable["type"])
            ends = cable.get("ends", {})
            plugged = sorted(dev[e["device"]] for e in ends.values() if "device" in e)
            shown = sorted(x for x in [row[1]] + row[3].split("; ") if x)
            assert shown == plugged, (shown, plugged)
            if "length_m" in cable and row[6]:
                assert float(row[6]) == float(cable["length_m"]), (row[6], cable)
    return run


def test_labels(plan_path):
    def run():
        plan = plan_json(plan_path)
        dev = names(plan)
        _, rows = read_csv(export(plan_path, "labels"))
        by_cable = {}
        for row in rows:
            by_cable.setdefault(row[0], []).append(row)
        for cable in plan["cables"]:
            label = cable.get("label") or cable["id"]
            ends = cable.get("ends", {})
            mine = by_cable.get(label, [])
            # One label per end; a two-ended cable with both ends plugged
            # has exactly two.
            if cable["type"] == "direct":
                assert not mine, (label, mine)
            elif len(ends) == 2:
                assert len(mine) == 2, (label, mine)
            for row in mine:
                assert row[2].startswith(label + " → "), row
                other = [e for end_id, e in ends.items() if end_id != row[1] and "device" in e]
                for e in other:
                    assert (dev[e["device"]] + ": ") in row[2], (row, e)
        assert len(rows) >= 2 * sum(1 for c in plan["cables"]
                                    if len(c.get("ends", {})) == 2 and c["type"] != "direct")
    return run


def test_inputs(plan_path):
    def run():
        plan = plan_json(plan_path)
        dev = set(names(plan).values())
        plugged = {(d["device"]) for c in plan["cables"] for d in c.get("ends", {}).values()
                   if "device" in d}
        plugged_names = {names(plan)[d] for d in plugged}
        _, rows = read_csv(export(plan_path, "inputs"))
        assert rows, "a plan with connected inputs has an input list"
        seen = set()
        for row in rows:
            device = row[0].rsplit(": ", 1)[0]
            assert device in dev and device in plugged_names, row
            for source in row[1].split("; "):
                assert source.rsplit(": ", 1)[0] in plugged_names, row
            assert row[3] == "off" or row[3].startswith("on ("), row
            assert row[0] not in seen, ("one row per input channel", row)
            seen.add(row[0])
    return run


def test_split_exact():
    _, inputs = read_csv(export(SPLIT, "inputs"))
    assert inputs == [
        ["FOH desk: Ch 1", "Vocal condenser: Out", "Splitter: In / Out A / Out B",
         "on (FOH desk: Ch 1)", "mic", "balanced"],
        ["FOH desk: Ch 2", "Kick: Out", "", "off", "mic", "balanced"],
        # A talkback mic plugged straight into the desk: no cable, still an input.
        ["FOH desk: Ch 3", "Talkback: Out", "", "off", "mic", "balanced"],
        # Phantom for the monitor desk's channel comes from FOH through the split.
        ['Monitor desk, "stage left": Ch 1', "Vocal condenser: Out",
         "Splitter: In / Out A / Out B", "on (FOH desk: Ch 1)", "mic", "balanced"],
    ], inputs
    _, bom = read_csv(export(SPLIT, "bom"))
    assert bom == [
        # 130 m of speakON: 100 + 50 (stock of this plan: 1, 5, 10, 50, 100),
        # and the two NL4 cables (male both ends) meet in a coupler.
        ["coupler-speakon-nl4-female", "speakON NL4 coupler, female to female", "", "1"],
        ["nl4-nl4", "speakON NL4 to NL4", "50", "1"],
        ["nl4-nl4", "speakON NL4 to NL4", "100", "1"],
        # No length given: counted, length left empty.
        ["xlr-f-m", "XLR female to XLR male", "", "1"],
        ["xlr-f-m", "XLR female to XLR male", "5", "1"],      # 4 m
        ["xlr-f-m", "XLR female to XLR male", "10", "2"],     # 7 m and 10 m
        # 120 m: 100 + 50; XLR cables plug into each other, no coupler.
        ["xlr-f-m", "XLR female to XLR male", "50", "1"],
        ["xlr-f-m", "XLR female to XLR male", "100", "1"],
        ["xlr-polarity-reverse", "XLR polarity reverser (2-3 swap)", "", "1"],
    ], bom
    _, schedule = read_csv(export(SPLIT, "schedule"))
    # Quotes and commas survive the round trip.
    assert schedule[2][3] == 'Monitor desk, "stage left"', schedule[2]
    assert schedule[4][0] == "spare, long", schedule[4]
    assert "[cable-end-open]" in schedule[4][8], schedule[4]
    # A direct connection is a row of the schedule, but no material and no label.
    assert schedule[7][:6] == ["D1", "Talkback", "Out", "FOH desk", "Ch 3", "direct"], schedule[7]
    _, labels = read_csv(export(SPLIT, "labels"))
    assert not [r for r in labels if r[0] == "D1"], labels


def test_bom_adds_up(plan_path):
    def run():
        plan = plan_json(plan_path)
        _, rows = read_csv(export(plan_path, "bom"))
        pieces = sum(int(r[3]) for r in rows if not r[0].startswith("coupler-"))
        cables = [c for c in plan["cables"] if c["type"] != "direct"]
        # Every stock length of the default list reaches 100 m: the example
        # plans' cables are each one stock cable (or one adapter).
        assert all(c.get("length_m", 0) <= 100 for c in plan["cables"])
        assert pieces == len(cables), (pieces, len(cables))
        stock = [0.5, 1, 2, 3, 5, 10, 15, 20, 30, 50, 100]
        for r in rows:
            if r[2]:
                assert float(r[2]) in stock, r
    return run


def pdftotext(path, *args):
    return subprocess.run(["pdftotext", *args, path, "-"], capture_output=True, text=True,
                          check=True).stdout


def test_label_sheet():
    out = export(SPLIT, "labels", ".pdf")
    text = pdftotext(out, "-raw")
    flat = " ".join(text.split())
    for label in ("MIC-01", "MIC-02", "MIC-03", "MIC-07", "X-01", "X-02"):
        assert flat.count(label + " →") == 2, (label, flat)
    assert "Vocal condenser: Out" in flat and "BAL" in flat and "OPEN" in flat, flat
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
    # A4 upright.
    assert "595.28 x 841.89" in info or "595.276 x 841.89" in info, info
    # A larger label, on letter: still every label, on more sheets.
    out = export(os.path.join(ROOT, "data", "examples", "live-band.patchwise"), "labels", ".pdf",
                 ["--label-size=99.1x67.7", "--paper=letter"])
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
    pages = int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])
    n_ends = 2 * len(plan_json(os.path.join(ROOT, "data", "examples",
                                            "live-band.patchwise"))["cables"])
    per_sheet = 2 * 4   # 99.1 x 67.7 mm on letter: 2 across, 4 down
    assert pages == -(-n_ends // per_sheet), (pages, n_ends)


def test_drawing_set():
    out = export(SPLIT, None, ".pdf")
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
    pages = int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])
    kinds = []
    for page in range(1, pages + 1):
        text = pdftotext(out, "-f", str(page), "-l", str(page))
        for heading in ("Cable schedule, sheet", "Bill of materials, sheet", "Input list, sheet"):
            if heading in text:
                kinds.append((page, heading, text))
    # The schedule, then the bill of materials, then the input list, on
    # consecutive sheets.
    assert [k[1] for k in kinds] == ["Cable schedule, sheet", "Bill of materials, sheet",
                                     "Input list, sheet"], [k[:2] for k in kinds]
    assert [k[0] for k in kinds] == list(range(kinds[0][0], kinds[0][0] + 3)), kinds
    bom = " ".join(kinds[1][2].split())
    for word in ("Type", "Name", "Length (m)", "Count", "speakON NL4 coupler, female to female",
                 "xlr-polarity-reverse"):
        assert word in bom, (word, bom)
    inputs = " ".join(kinds[2][2].split())
    for word in ("Channel", "Source", "Path", "Phantom", "Level", "FOH desk: Ch 2", "Kick: Out",
                 "Splitter: In / Out A / Out B", "on (FOH desk: Ch 1)"):
        assert word in inputs, (word, inputs)


def test_cli_errors():
    def run(args):
        return subprocess.run([PATCHWISE, "export", SPLIT] + args, capture_output=True, text=True)
    out = os.path.join(tmp, "x.csv")
    r = run(["-o", out])
    assert r.returncode == 2 and "--table" in r.stderr, r
    r = run(["-o", out, "--table=cables"])
    assert r.returncode == 2 and "cables" in r.stderr, r
    r = run(["-o", os.path.join(tmp, "x.png"), "--table=bom"])
    assert r.returncode == 2, r
    r = run(["-o", os.path.join(tmp, "x.pdf"), "--table=labels", "--label-size=300x20"])
    assert r.returncode == 2 and "does not fit" in r.stderr, r
    r = run(["-o", os.path.join(tmp, "x.pdf"), "--table=labels", "--label-size=big"])
    assert r.returncode == 2, r
    r = run(["-o", os.path.join(tmp, "no", "such", "dir", "x.csv"), "--table=bom"])
    assert r.returncode == 1, r
    assert not os.path.exists(out)
    bad = os.path.join(tmp, "bad.patchwise")
    with open(bad, "w") as f:
        f.write('{"format": "patchwise", "version": 1,\n "numbering": {"format": "{n}{n}"}}')
    r = subprocess.run([PATCHWISE, "export", bad, "-o", out, "--table=bom"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "bad.patchwise:2:" in r.stderr and "numbering" in r.stderr, r
    # Nothing is left beside a failed or successful export.
    leftovers = [n for n in os.listdir(tmp) if ".csv." in n or ".pdf." in n]
    assert not leftovers, leftovers


for plan in [SPLIT] + EXAMPLES:
    base = os.path.basename(plan)
    check("headers " + base, test_headers(plan))
    check("schedule " + base, test_schedule(plan))
    check("labels " + base, test_labels(plan))
    check("inputs " + base, test_inputs(plan))
for plan in EXAMPLES:
    check("bom adds up " + os.path.basename(plan), test_bom_adds_up(plan))
check("split: exact input list, BOM and quoting", test_split_exact)
check("label sheet", test_label_sheet)
check("drawing set: schedule, BOM, input list", test_drawing_set)
check("command line errors", test_cli_errors)

print("1..%d" % len(results))
for i, (ok, name, why) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if why:
        print("# " + why.replace("\n", "\n# "))
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
