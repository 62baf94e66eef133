#!/usr/bin/env python3
# End-to-end test: drives the real Patchwise window with real pointer and
# keyboard events (xdotool) on an X display, as a person would:
#   drop two devices from the palette, wire them by dragging port to port,
#   see the finding appear, undo, redo, save with Ctrl+S and read the file,
#   and compare a screenshot of the window with a reference.
#
# The window reports where its ports are (PATCHWISE_TEST_GEOMETRY) so that
# the pointer can be aimed; everything else goes through real input.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

EXE = os.environ["PATCHWISE"]
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILDDIR = os.environ.get("G_TEST_BUILDDIR", ".")
UPDATE = os.environ.get("PW_UPDATE_REFERENCES") == "1"

results = []


def tap(ok, name, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok"), len(results), name)
    if detail and not ok:
        for line in detail.splitlines():
            print("#", line)


def xdo(*args):
    subprocess.run(["xdotool", *[str(a) for a in args]], check=True)


# The timeouts are bounds for an idle machine; a loaded one (the sanitizer build, other builds
# on two cores) takes several times longer to start a window, and a bound costs a passing run
# nothing.
TIMEOUT_SCALE = 4


def wait_for(predicate, timeout=15.0, what="condition"):
    end = time.time() + timeout * TIMEOUT_SCALE
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError("timed out waiting for " + what)


class App:
    def __init__(self, workdir, args=(), wait_geometry=True):
        self.workdir = workdir
        self.geometry_path = os.path.join(workdir, "geometry.json")
        env = dict(os.environ)
        env.update({
            "PATCHWISE_TEST_GEOMETRY": self.geometry_path,
            "XDG_DATA_HOME": os.path.join(workdir, "data"),
            "XDG_CONFIG_HOME": os.path.join(workdir, "config"),
            "XDG_CACHE_HOME": os.path.join(workdir, "cache"),
            "GSETTINGS_BACKEND": "memory",
            "GDK_BACKEND": "x11",
            "GSK_RENDERER": "cairo",
            "GTK_A11Y": "none",
            "NO_AT_BRIDGE": "1",
            "LC_ALL": "C.UTF-8",
            "LANGUAGE": "C",
            "ADW_DISABLE_PORTAL": "1",
            "GTK_USE_PORTAL": "0",
        })
        self.log_path = os.path.join(workdir, "app.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(["dbus-run-session", "--", EXE, *args], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.window = wait_for(self.find_window, what="the main window")
        if wait_geometry:
            wait_for(lambda: os.path.exists(self.geometry_path), what="geometry")
        # There may be no window manager: give the window the focus directly.
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], check=False)
        time.sleep(0.5)

    def find_window(self):
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Patchwise"],
                             capture_output=True, text=True).stdout.split()
        for wid in out:
            geo = subprocess.run(["xdotool", "getwindowgeometry", wid], capture_output=True,
                                 text=True).stdout
            if "Geometry: 1x1" not in geo:
                return wid
        return None

    def origin(self):
        out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", self.window],
                             capture_output=True, text=True).stdout
        values = dict(line.split("=", 1) for line in out.split())
        if "X" not in values:
            # The window was replaced (a slow start under the sanitizers): find it again.
            self.window = wait_for(self.find_window, what="the main window")
            return self.origin()
        return int(values["X"]), int(values["Y"])

    def geometry(self):
        for _ in range(20):
            try:
                with open(self.geometry_path) as f:
                    return json.load(f)
            except (OSError, ValueError):
                time.sleep(0.05)
        raise RuntimeError("cannot read the window geometry")

    def screen(self, point):
        ox, oy = self.origin()
        return int(round(ox + point[0])), int(round(oy + point[1]))

    def drag(self, start, end, steps=12):
        x0, y0 = self.screen(start)
        x1, y1 = self.screen(end)
        xdo("mousemove", "--sync", x0, y0)
        time.sleep(0.1)
        xdo("mousedown", 1)
        time.sleep(0.15)
        for i in range(1, steps + 1):
            xdo("mousemove", "--sync", x0 + (x1 - x0) * i // steps, y0 + (y1 - y0) * i // steps)
            time.sleep(0.03)
        time.sleep(0.15)
        xdo("mouseup", 1)
        time.sleep(0.5)

    def key(self, *keys):
        xdo("key", "--clearmodifiers", *keys)
        time.sleep(0.4)

    def type(self, text):
        xdo("type", "--delay", 30, text)
        time.sleep(0.4)

    def kill_app(self):
        """SIGKILL the application itself, as a crash or a power cut would."""
        out = subprocess.run(["pgrep", "-s", str(self.proc.pid), "-f", EXE], capture_output=True,
                             text=True).stdout.split()
        for pid in out:
            os.kill(int(pid), 9)
        time.sleep(0.5)

    def quit(self):
        # The whole session: dbus-run-session, its bus and the application.
        try:
            os.killpg(self.proc.pid, 15)
            self.proc.wait(5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, 9)
            except ProcessLookupError:
                pass
        self.log.close()
        # Wait for the window to go, so that the next session cannot find it.
        end = time.time() + 10
        while time.time() < end and subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "Patchwise"],
                capture_output=True, text=True).stdout.strip():
            time.sleep(0.1)
        with open(self.log_path, errors="replace") as f:
            return f.read()


def palette_drop(app, search, type_id, target):
    """Finds a device type with the palette's search and drags it onto the canvas."""
    app.key("ctrl+f")
    app.key("ctrl+a")
    app.type(search)
    try:
        row = wait_for(lambda: app.geometry()["palette_rows"].get(type_id), timeout=5,
                       what="palette row " + type_id)
    except TimeoutError:
        subprocess.run(["import", "-window", "root", os.path.join(BUILDDIR, "e2e-failure.png")])
        raise
    canvas = app.geometry()["canvas"]
    app.drag(row, (canvas[0] + target[0], canvas[1] + target[1]), steps=20)


def compare_images(path, reference, tolerance=40, max_fraction=0.02):
    """Compares two PNGs with ImageMagick: the fraction of pixels off by more than tolerance."""
    if UPDATE or not os.path.exists(reference):
        shutil.copy(path, reference)
        return True, "reference written"
    out = subprocess.run(["compare", "-metric", "AE", "-fuzz", "%d%%" % (tolerance * 100 // 255),
                          path, reference, "null:"], capture_output=True, text=True)
    try:
        differing = float(out.stderr.split()[0])
    except (ValueError, IndexError):
        return False, out.stderr
    size = subprocess.run(["identify", "-format", "%w %h", reference], capture_output=True,
                          text=True).stdout.split()
    total = int(size[0]) * int(size[1])
    return differing / total <= max_fraction, "%d of %d pixels differ" % (differing, total)


def recovery_scenario():
    """Edit, kill the process with SIGKILL, start again, recover: nothing lost."""
    workdir = tempfile.mkdtemp(prefix="patchwise-e2e-recover-")
    app = App(workdir)
    try:
        palette_drop(app, "Dynamic", "dynamic-mic", (200, 200))
        palette_drop(app, "Small analog", "small-mixer", (480, 160))
        g = app.geometry()
        app.drag(g["ports"]["dynamic-mic1.out"], g["ports"]["small-mixer1.ch1"])
        # The autosave follows a few seconds after the last edit.
        autosave_dir = os.path.join(workdir, "data", "patchwise", "autosave")
        def autosaved_with_cable():
            if not os.path.isdir(autosave_dir):
                return False
            for name in os.listdir(autosave_dir):
                try:
                    with open(os.path.join(autosave_dir, name)) as f:
                        if len(json.load(f).get("cables", [])) == 1:
                            return True
                except (OSError, ValueError):
                    pass
            return False
        wait_for(autosaved_with_cable, timeout=15, what="the autosave")
        app.kill_app()
        app.quit()
        os.remove(app.geometry_path)

        app = App(workdir, wait_geometry=False)
        time.sleep(1.5)
        # The recovery question takes the focus; Enter answers Recover.
        app.key("Return")
        g = wait_for(lambda: (lambda x: x if x and x["cables"] == 1 else None)(
                     app.geometry() if os.path.exists(app.geometry_path) else None),
                     timeout=10, what="the recovered plan")
        tap("dynamic-mic1.out" in g["ports"] and "small-mixer1.ch1" in g["ports"]
            and g["cables"] == 1, "after SIGKILL the autosave brings the plan back", json.dumps(g)[:300])
        tap(g["modified"], "the recovered plan is still unsaved work")
    except Exception as e:  # noqa: BLE001 - report any failure as a test failure
        tap(False, "the recovery session ran to the end", repr(e))
    finally:
        app.quit()
        shutil.rmtree(workdir, ignore_errors=True)


def geometry_where(app, predicate, what, timeout=20):
    """Polls the window's geometry until predicate(g) holds; returns g."""
    return wait_for(lambda: (lambda g: g if predicate(g) else None)(app.geometry()),
                    timeout=timeout, what=what)


def cables_of_type(g, type_id):
    return {cid: c for cid, c in g["cable_list"].items() if c["type"] == type_id}


def click(app, point, button=1):
    x, y = app.screen(point)
    xdo("mousemove", "--sync", x, y)
    time.sleep(0.1)
    xdo("click", button)
    time.sleep(0.3)


def open_popover(app, widget):
    """Clicks an inspector control until its popover has the focus (a slow
    machine may miss the first click while the panel settles)."""
    for _ in range(3):
        click(app, app.geometry()["widgets"][widget])
        try:
            geometry_where(app, lambda g: g["focus"] == "popover", "the popover of " + widget,
                           timeout=4)
            return
        except TimeoutError:
            pass


def shoot(app, name):
    path = os.path.join(BUILDDIR, name)
    subprocess.run(["import", "-window", "root", path], check=False)
    return path


def first_hour_scenario():
    """A phone's two channels into two inputs, an occupied port, the inspector
    under the user's hands: what a new user does in the first hour."""
    workdir = tempfile.mkdtemp(prefix="patchwise-e2e-first-hour-")
    app = App(workdir)
    try:
        palette_drop(app, "Phone", "phone", (120, 120))
        palette_drop(app, "Audio interface (2", "interface-2in", (520, 120))
        g = app.geometry()
        phone, in1, in2 = (g["ports"]["phone1.phones"], g["ports"]["interface-2in1.in1"],
                           g["ports"]["interface-2in1.in2"])

        # The first cable: phone to input 1.
        app.drag(phone, in1)
        geometry_where(app, lambda g: len(g["cable_list"]) == 1, "the first cable")

        # A second cable from the same stereo output: the breakout is offered,
        # Enter takes it, and one lead feeds both inputs, left and right.
        app.drag(phone, in2)
        time.sleep(1.0)
        shoot(app, "e2e-breakout-offer.png")
        app.key("Return")
        try:
            g = geometry_where(app, lambda g: cables_of_type(g, "trs35-2ts"), "the breakout lead")
            lead_id, lead = next(iter(cables_of_type(g, "trs35-2ts").items()))
        except TimeoutError:
            g, lead_id, lead = app.geometry(), None, {"ends": {}}
        tap(len(g["cable_list"]) == 1 and lead["ends"] == {
                "a": "phone1.phones", "l": "interface-2in1.in1", "r": "interface-2in1.in2"},
            "a second cable on the phone's occupied stereo out becomes one breakout lead, "
            "left to In 1, right to In 2", json.dumps(g["cable_list"]))
        app.key("ctrl+z")
        g = app.geometry()
        tap(len(g["cable_list"]) == 1 and not cables_of_type(g, "trs35-2ts"),
            "one Ctrl+Z takes the breakout back to the first cable", json.dumps(g["cable_list"]))
        app.key("ctrl+shift+z")
        geometry_where(app, lambda g: cables_of_type(g, "trs35-2ts"), "the breakout again")

        # Dragging a mic onto In 2, which the lead's right leg holds: the leg
        # is unplugged, and the toast says so.
        palette_drop(app, "Dynamic", "dynamic-mic", (120, 330))
        g = app.geometry()
        app.drag(g["ports"]["dynamic-mic1.out"], g["ports"]["interface-2in1.in2"])
        g = geometry_where(app, lambda g: len(g["cable_list"]) == 2, "the mic cable")
        shoot(app, "e2e-occupied-port.png")
        right_free = lead_id is not None and g["cable_list"][lead_id]["ends"].get("r") is None
        tap(right_free and (lead_id + ".r") in g["free_ends"],
            "plugging into an occupied input unplugs the leg there and shows it as a free end",
            json.dumps(g["cable_list"]) + json.dumps(g["free_ends"]))
        app.key("Delete")
        g = geometry_where(app, lambda g: len(g["cable_list"]) == 1, "the mic cable deleted")

        # The free end, dragged onto the free input: plugged in again.
        end = g["free_ends"].get((lead_id or "") + ".r")
        if end is not None:
            app.drag(end, g["ports"]["interface-2in1.in2"])
        try:
            g = geometry_where(app, lambda g: g["cable_list"][lead_id]["ends"]["r"]
                               == "interface-2in1.in2", "the free end plugged", timeout=8)
        except (TimeoutError, KeyError, TypeError):
            g = app.geometry()
        tap(lead_id is not None and g["cable_list"].get(lead_id, {}).get("ends", {}).get("r")
            == "interface-2in1.in2" and not g["free_ends"],
            "a free cable end dragged onto a port plugs in", json.dumps(g["cable_list"]))
        app.key("ctrl+z")
        g = app.geometry()
        tap(lead_id is not None and g["cable_list"][lead_id]["ends"]["r"] is None,
            "one Ctrl+Z unplugs it again", json.dumps(g["cable_list"]))
        app.key("ctrl+shift+z")
        g = geometry_where(app, lambda g: g["selected_cable"] == lead_id and "length_plus" in g["widgets"],
                           "the lead selected, in the inspector")

        # Length +: every click counts, and the focus does not jump to the label.
        start = g["cable_list"][lead_id]["length"]
        for i in range(3):
            click(app, g["widgets"]["length_plus"])
            g = geometry_where(app, lambda g, n=i + 1: abs(g["cable_list"][lead_id]["length"]
                                                        - (start + 0.5 * n)) < 1e-6,
                               "length after click %d" % (i + 1), timeout=8)
        g = app.geometry()
        tap(abs(g["cable_list"][lead_id]["length"] - (start + 1.5)) < 1e-6,
            "three clicks on Length + add 1.5 m", json.dumps(g["cable_list"][lead_id]))
        tap(g["focus"] != "label", "the focus stays off the Label field", g["focus"])
        label = g["cable_list"][lead_id]["label"]
        app.key("ctrl+z")
        g = app.geometry()
        tap(abs(g["cable_list"][lead_id]["length"] - (start + 1.0)) < 1e-6
            and g["cable_list"][lead_id]["label"] == label,
            "Ctrl+Z undoes the last length step and leaves the label alone",
            json.dumps(g["cable_list"][lead_id]))

        # Another type from the drop-down: the cable stays selected.
        open_popover(app, "type")
        shoot(app, "e2e-type-choices.png")
        app.key("Down")
        app.key("Return")
        try:
            g = geometry_where(app, lambda g: lead_id in g["cable_list"]
                               and g["cable_list"][lead_id]["type"] != "trs35-2ts",
                               "the new type", timeout=8)
        except TimeoutError:
            g = app.geometry()
        tap(g["cable_list"].get(lead_id, {}).get("type") not in (None, "trs35-2ts")
            and g["selected_cable"] == lead_id,
            "changing the cable's type keeps it selected",
            json.dumps(g["cable_list"]) + " selected: " + str(g["selected_cable"]))
        shoot(app, "e2e-first-hour.png")

        # An expected finding, acknowledged: ignored for this cable, listed
        # apart, one step to undo.
        g = geometry_where(app, lambda g: "finding_menu" in g["widgets"] and g["findings"],
                           "a finding with its menu in the inspector")
        before = list(g["findings"])
        open_popover(app, "finding_menu")
        shoot(app, "e2e-ignore-menu.png")
        app.key("Down")
        app.key("Return")
        try:
            g = geometry_where(app, lambda g: g["suppressed"], "the ignored finding", timeout=8)
        except TimeoutError:
            g = app.geometry()
        tap(len(g["suppressed"]) == 1 and g["suppressed"][0] in before,
            "Ignore for This Cable suppresses the finding", json.dumps(g["suppressed"]))
        shoot(app, "e2e-ignored.png")
        app.key("ctrl+z")
        g = app.geometry()
        tap(not g["suppressed"], "one Ctrl+Z brings it back", json.dumps(g["suppressed"]))

        # The context menu on the cable: Rename puts the focus in its Label.
        g = app.geometry()
        click(app, g["cable_labels"][lead_id], button=3)
        try:
            geometry_where(app, lambda g: g["focus"] == "popover", "the context menu", timeout=6)
        except TimeoutError:
            click(app, app.geometry()["cable_labels"][lead_id], button=3)
        shoot(app, "e2e-context-menu.png")
        app.key("r")  # _Rename…
        try:
            geometry_where(app, lambda g: g["focus"] == "label", "the focus in the Label", timeout=6)
        except TimeoutError:
            pass
        app.key("ctrl+a")
        app.type("Phone lead")
        app.key("Return")
        try:
            g = geometry_where(app, lambda g: g["cable_list"][lead_id]["label"] == "Phone lead",
                               "the new label", timeout=8)
        except TimeoutError:
            g = app.geometry()
        tap(g["cable_list"][lead_id]["label"] == "Phone lead",
            "Rename from the cable's context menu relabels it", json.dumps(g["cable_list"][lead_id]))
    except Exception as e:  # noqa: BLE001 - report any failure as a test failure
        shoot(app, "e2e-first-hour-failure.png")
        tap(False, "the first-hour session ran to the end", repr(e))
    finally:
        log = app.quit()
        if "CRITICAL" in log or "-WARNING" in log:
            tap(False, "no critical warnings in the first-hour session", log[-2000:])
        shutil.rmtree(workdir, ignore_errors=True)


def extension_scenario():
    """A lead from the mic and an extension from the desk, both ends hanging
    free: dragging one free end onto the other plugs them together."""
    workdir = tempfile.mkdtemp(prefix="patchwise-e2e-extension-")
    plan = os.path.join(workdir, "extension.patchwise")
    with open(plan, "w") as f:
        json.dump({"format": "patchwise", "version": 1, "title": "Extension",
                   "devices": [{"id": "mic1", "type": "dynamic-mic", "name": "Mic", "x": 40, "y": 80},
                               {"id": "desk", "type": "live-desk-16", "name": "Desk", "x": 700, "y": 80}],
                   "cables": [{"id": "C1", "type": "xlr-f-m", "label": "C1",
                               "ends": {"a": {"device": "mic1", "port": "out"}}},
                              {"id": "C2", "type": "xlr-f-m", "label": "C2",
                               "ends": {"b": {"device": "desk", "port": "ch1"}}}]}, f)
    app = App(workdir, args=(plan,))
    try:
        g = geometry_where(app, lambda g: "C1.b" in g["free_ends"] and "C2.a" in g["free_ends"],
                           "the two free ends")
        app.drag(g["free_ends"]["C1.b"], g["free_ends"]["C2.a"])
        try:
            g = geometry_where(app, lambda g: g["cable_list"]["C1"]["ends"]["b"] == "cable C2.a",
                               "the lead plugged into the extension", timeout=8)
        except TimeoutError:
            g = app.geometry()
        tap(g["cable_list"]["C1"]["ends"]["b"] == "cable C2.a"
            and g["cable_list"]["C2"]["ends"]["a"] is None,
            "a free cable end dragged onto another cable's free end plugs into it",
            json.dumps(g["cable_list"]))
        shoot(app, "e2e-extension.png")
        app.key("ctrl+z")
        g = app.geometry()
        tap(g["cable_list"]["C1"]["ends"]["b"] is None, "one Ctrl+Z pulls it out again",
            json.dumps(g["cable_list"]))
    except Exception as e:  # noqa: BLE001 - report any failure as a test failure
        tap(False, "the extension session ran to the end", repr(e))
    finally:
        app.quit()
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    workdir = tempfile.mkdtemp(prefix="patchwise-e2e-")
    plan = os.path.join(workdir, "wired.patchwise")
    app = App(workdir)
    try:
        g = app.geometry()
        tap(g["cables"] == 0 and not g["ports"], "a new window holds an empty plan")

        palette_drop(app, "Phone", "phone", (120, 200))
        palette_drop(app, "Small analog", "small-mixer", (460, 160))
        g = app.geometry()
        tap("phone1.phones" in g["ports"] and "small-mixer1.ch1" in g["ports"],
            "two devices dropped from the palette", json.dumps(g["ports"])[:400])

        app.drag(g["ports"]["phone1.phones"], g["ports"]["small-mixer1.ch1"])
        g = wait_for(lambda: (lambda x: x if x["cables"] == 1 else None)(app.geometry()),
                     timeout=5, what="the cable")
        tap(g["cables"] == 1, "dragging port to port wires them")
        tap("stereo-into-balanced-input" in g["findings"],
            "the finding appears: stereo into a balanced input", ",".join(g["findings"]))

        app.key("ctrl+z")
        g = app.geometry()
        tap(g["cables"] == 0 and "stereo-into-balanced-input" not in g["findings"],
            "undo takes the cable and its finding away", json.dumps(g)[:300])
        app.key("ctrl+shift+z")
        g = app.geometry()
        tap(g["cables"] == 1 and "stereo-into-balanced-input" in g["findings"], "redo brings them back")

        shot = os.path.join(BUILDDIR, "e2e-main-window.png")
        subprocess.run(["import", "-window", app.window, shot], check=True)
        ok, detail = compare_images(shot, os.path.join(SRCDIR, "e2e", "main-window.png"))
        tap(ok, "the main window looks as the reference", detail)

        app.key("ctrl+s")
        time.sleep(1.5)
        app.key("ctrl+a")
        app.type(plan)
        app.key("Return")
        wait_for(lambda: os.path.exists(plan), timeout=10, what="the saved file")
        time.sleep(0.5)
        with open(plan) as f:
            saved = json.load(f)
        devices = {d["id"]: d["type"] for d in saved["devices"]}
        cable = saved["cables"][0] if saved["cables"] else {}
        tap(devices == {"phone1": "phone", "small-mixer1": "small-mixer"}
            and cable.get("ends", {}).get("a", {}).get("port") in ("phones", "ch1")
            and {e["device"] for e in cable.get("ends", {}).values()} == {"phone1", "small-mixer1"}
            and "phone" in saved["device_types"],
            "Ctrl+S saved the plan with its devices, cable and embedded types", json.dumps(saved)[:400])
        g = app.geometry()
        tap(not g["modified"], "after saving the plan is no longer modified")

        check = subprocess.run([EXE, "check", "--format=json", plan], capture_output=True, text=True)
        tap(check.returncode == 1 and "stereo-into-balanced-input" in check.stdout,
            "the saved plan checks the same from the command line", check.stdout + check.stderr)
    except Exception as e:  # noqa: BLE001 - report any failure as a test failure
        tap(False, "the session ran to the end", repr(e))
    finally:
        log = app.quit()
        if "CRITICAL" in log or "-WARNING" in log:
            tap(False, "no critical warnings from the application", log[-2000:])
        shutil.rmtree(workdir, ignore_errors=True)

    recovery_scenario()
    first_hour_scenario()
    extension_scenario()

    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
