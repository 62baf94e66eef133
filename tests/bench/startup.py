#!/usr/bin/env python3
# Start-up to the first drawn frame (DESIGN.md §7: under 300 ms).
#
# For scale it also times an empty libadwaita window of the same size that reports its first
# frame the same way (tests/bench/pw-startup-baseline.c): what GTK and libadwaita alone take
# on this machine, before any of Patchwise's own work.
#
# Starts `patchwise FILE` afresh, again and again, on the bundled example studio and on a
# generated plan of 2,000 devices, and times it from just before the spawn to the moment the
# window reports its first frame with the plan drawn: with PATCHWISE_REPORT_STARTUP set, the
# application prints `patchwise: first frame at T us` on stderr, T from CLOCK_MONOTONIC, the
# clock of time.monotonic(). Each run gets empty XDG config, data and cache folders and
# in-memory settings, so no recent file, autosave or window size carries over.
#
# Patchwise is a single-instance GApplication: a second `patchwise FILE` hands the file to the
# running instance over D-Bus. Every run here is a process of its own on a session bus of its
# own (a private dbus-daemon, started once and shared by the runs, which are killed one after
# the other), so no run is handed to another instance, nor to a Patchwise the user has open.
# The first-frame line comes from the very process that was spawned, which proves it.
#
#   tests/bench/startup.py [--runs=7] [--warmup=1] [--json=PATH] [--renderers=default,cairo]
#                          [--devices=2000] [--screenshot=DIR]
#
# Besides the wall clock it notes the CPU time the application's threads had used when the line
# was read (from /proc/PID/task/*/schedstat): on a shared machine under load the wall clock
# mostly measures the neighbours, the CPU time much less so. It is read just after the line,
# so it includes a little of what follows the first frame.
#
# It uses $DISPLAY when there is one, else a private Xvfb. A timing, never a test: the test
# suite runs it once (--runs=1 --warmup=0) only to see the line appear.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import platform
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINE = re.compile(r"^patchwise: first frame at (\d+) us$")


def parse_args():
    p = argparse.ArgumentParser(description="Start-up to the first drawn frame.")
    p.add_argument("--builddir", default=os.path.join(TOP, "_build"))
    p.add_argument("--patchwise", help="the application (default BUILDDIR/src/patchwise)")
    p.add_argument("--plangen", help="default BUILDDIR/tests/bench/patchwise-plangen")
    p.add_argument("--baseline",
                   help="an empty libadwaita window reporting its first frame the same way "
                        "(default BUILDDIR/tests/bench/pw-startup-baseline; 'none' leaves it out)")
    p.add_argument("--plan", default=os.path.join(TOP, "data", "examples", "home-studio.patchwise"),
                   help="the example plan (default: the home studio)")
    p.add_argument("--devices", type=int, default=2000,
                   help="size of the generated plan; 0 leaves it out")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--warmup", type=int, default=1,
                   help="untimed runs of each case first (cold disk caches)")
    p.add_argument("--renderers", default="default,cairo",
                   help="GSK_RENDERER values, comma-separated; 'default' leaves it unset")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for a frame")
    p.add_argument("--json", help="write every sample here")
    p.add_argument("--screenshot", metavar="DIR",
                   help="save the screen just after the first frame of each case")
    return p.parse_args()


class Display:
    """The existing X display, or a private Xvfb."""

    def __init__(self):
        self.proc = None
        self.name = os.environ.get("DISPLAY")
        if self.name:
            return
        if shutil.which("Xvfb") is None:
            sys.exit("startup: no DISPLAY and no Xvfb")
        r, w = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1920x1080x24",
                                      "-nolisten", "tcp"], pass_fds=(w,),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            number = f.readline().strip()
        if not number:
            sys.exit("startup: Xvfb did not start")
        self.name = ":" + number

    def close(self):
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait()


class SessionBus:
    """A private session bus: no run meets another instance of Patchwise."""

    def __init__(self):
        self.proc = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.address = self.proc.stdout.readline().strip()
        if not self.address:
            sys.exit("startup: dbus-daemon did not start")

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def base_env(display, bus):
    env = dict(os.environ)
    env.update({
        "DISPLAY": display.name,
        "DBUS_SESSION_BUS_ADDRESS": bus.address,
        "GDK_BACKEND": "x11",
        "GSETTINGS_BACKEND": "memory",
        "PATCHWISE_REPORT_STARTUP": "1",
        # As the end-to-end test runs it: no accessibility bus and no portals on the private bus.
        "GTK_A11Y": "none",
        "NO_AT_BRIDGE": "1",
        "ADW_DISABLE_PORTAL": "1",
        "GTK_USE_PORTAL": "0",
    })
    schemas = os.path.join(ARGS.builddir, "data")
    env["GSETTINGS_SCHEMA_DIR"] = schemas + (":" + env["GSETTINGS_SCHEMA_DIR"]
                                             if env.get("GSETTINGS_SCHEMA_DIR") else "")
    env.pop("GSK_RENDERER", None)
    return env


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cpu_ms(pid):
    """CPU time used so far by all the threads of @pid, in milliseconds."""
    total = 0
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total / 1e6


def one_run(exe, plan, env, renderer, screenshot=None):
    """Milliseconds from just before the spawn to the first frame, and CPU milliseconds."""
    with tempfile.TemporaryDirectory(prefix="pw-startup-") as home:
        env = dict(env)
        for name in ("CONFIG", "DATA", "CACHE"):
            env["XDG_%s_HOME" % name] = os.path.join(home, name.lower())
            os.mkdir(env["XDG_%s_HOME" % name])
        if renderer != "default":
            env["GSK_RENDERER"] = renderer
        start = time.monotonic()
        proc = subprocess.Popen([exe] + ([plan] if plan else []), env=env,
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            frame, other = wait_for_frame(proc, start)
            cpu = cpu_ms(proc.pid) if frame is not None else None
            if frame is not None and screenshot is not None:
                subprocess.run(["import", "-window", "root", screenshot], check=False)
        finally:
            stop(proc)
            proc.stderr.close()
    if frame is None:
        detail = "".join(other[-20:])
        raise RuntimeError("no first-frame line from %s %s (%s)%s" %
                           (exe, plan, "exited with %s" % proc.returncode
                            if proc.returncode is not None else "timed out",
                            "\n" + detail if detail else ""))
    return (frame - start) * 1000.0, cpu


def wait_for_frame(proc, start):
    other = []
    buf = b""
    fd = proc.stderr.fileno()
    end = start + ARGS.timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            raw, buf = buf.split(b"\n", 1)
            line = raw.decode("utf-8", "replace")
            m = LINE.match(line)
            if m:
                return int(m.group(1)) / 1e6, other
            other.append(line + "\n")
    return None, other


def main():
    exe = ARGS.patchwise or os.path.join(ARGS.builddir, "src", "patchwise")
    plangen = ARGS.plangen or os.path.join(ARGS.builddir, "tests", "bench", "patchwise-plangen")
    renderers = [r.strip() for r in ARGS.renderers.split(",") if r.strip()]
    workdir = tempfile.mkdtemp(prefix="pw-startup-plans-")
    display = bus = None
    try:
        plans = [(os.path.splitext(os.path.basename(ARGS.plan))[0], ARGS.plan)]
        if ARGS.devices > 0:
            generated = os.path.join(workdir, "plan-%d.patchwise" % ARGS.devices)
            with open(generated, "w") as f:
                subprocess.run([plangen, str(ARGS.devices), "1"], stdout=f, check=True)
            plans.append(("%d devices" % ARGS.devices, generated))

        display = Display()
        bus = SessionBus()
        env = base_env(display, bus)
        cases = [(name, path, r, exe) for name, path in plans for r in renderers]
        baseline = ARGS.baseline or os.path.join(ARGS.builddir, "tests", "bench",
                                                 "pw-startup-baseline")
        if baseline != "none" and os.path.exists(baseline):
            cases += [("empty window", None, r, baseline) for r in renderers]
        samples = {case: [] for case in cases}
        cpu = {case: [] for case in cases}

        for case in cases:
            for _ in range(ARGS.warmup):
                one_run(case[3], case[1], env, case[2])
        # Round-robin, so that a busy moment of a shared machine spreads over every case.
        for i in range(ARGS.runs):
            for case in cases:
                shot = None
                if ARGS.screenshot and i == 0:
                    os.makedirs(ARGS.screenshot, exist_ok=True)
                    shot = os.path.join(ARGS.screenshot, "%s-%s.png" %
                                        (re.sub(r"\W+", "-", case[0]), case[2]))
                wall, used = one_run(case[3], case[1], env, case[2], shot)
                samples[case].append(wall)
                if used is not None:
                    cpu[case].append(used)

        print("Start-up to the first drawn frame, median of %d (ms; budget 300), load average %.1f"
              % (ARGS.runs, os.getloadavg()[0]))
        print("%-22s %-9s %8s %8s %8s %8s" % ("plan", "renderer", "median", "min", "max", "CPU"))
        for case in cases:
            s = samples[case]
            print("%-22s %-9s %8.1f %8.1f %8.1f %8s" %
                  (case[0], case[2], statistics.median(s), min(s), max(s),
                   "%.1f" % statistics.median(cpu[case]) if cpu[case] else "-"))
        if ARGS.json:
            with open(ARGS.json, "w") as f:
                json.dump({
                    "what": "start-up to the first drawn frame (ms)",
                    "budget_ms": 300,
                    "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                                "loadavg": os.getloadavg()},
                    "runs": ARGS.runs,
                    "warmup": ARGS.warmup,
                    "cases": [{"plan": c[0], "file": os.path.basename(c[1]) if c[1] else None,
                               "renderer": c[2],
                               "median_ms": statistics.median(samples[c]),
                               "samples_ms": samples[c],
                               "cpu_median_ms": statistics.median(cpu[c]) if cpu[c] else None,
                               "cpu_samples_ms": cpu[c]} for c in cases],
                }, f, indent=2)
                f.write("\n")
    except RuntimeError as e:
        print("startup: %s" % e, file=sys.stderr)
        return 1
    finally:
        if bus is not None:
            bus.close()
        if display is not None:
            display.close()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    ARGS = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    sys.exit(main())
