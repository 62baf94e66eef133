"""Helpers to write judging plans from DESIGN.md v2 alone."""
import json, os

XLR_BAL = {"1": "ground", "2": "hot", "3": "cold"}
TRS_BAL = {"tip": "hot", "ring": "cold", "sleeve": "ground"}
TRS_ST = {"tip": "left", "ring": "right", "sleeve": "ground"}
TS = {"tip": "signal", "sleeve": "ground"}
RCA = {"pin": "signal", "shield": "ground"}
COMBO = {"1": "ground", "2": "hot", "3": "cold", "tip": "hot", "ring": "cold", "sleeve": "ground"}

CONTACTS = {
    "xlr3": ["1", "2", "3"], "xlr4": ["1", "2", "3", "4"], "xlr5": ["1", "2", "3", "4", "5"],
    "trs-6.35": ["tip", "ring", "sleeve"], "trs-3.5": ["tip", "ring", "sleeve"],
    "ts-6.35": ["tip", "sleeve"], "ts-3.5": ["tip", "sleeve"],
    "trrs-3.5": ["tip", "ring1", "ring2", "sleeve"],
    "pentaconn-4.4": ["tip", "ring1", "ring2", "ring3", "sleeve"],
    "rca": ["pin", "shield"], "bnc": ["pin", "shield"],
    "speakon-nl2": ["1+", "1-"], "speakon-nl4": ["1+", "1-", "2+", "2-"],
    "speakon-nl8": ["1+", "1-", "2+", "2-", "3+", "3-", "4+", "4-"],
    "din5": ["1", "2", "3", "4", "5"], "ta4": ["1", "2", "3", "4"],
    "toslink": ["light"], "usb-a": ["data"], "usb-b": ["data"], "rj45": ["data"], "ethercon": ["data"],
}
SHIELDS = {"1", "sleeve", "shield"}


def port(id, direction, connector, gender, pins, signal="analog", level=None, label=None, **kw):
    p = {"id": id, "label": label or id, "direction": direction, "connector": connector,
         "gender": gender, "signal": signal}
    if level is not None:
        p["level"] = level
    p["pins"] = dict(pins)
    p.update(kw)
    return p


def dev(name, category, earthed, ports, **kw):
    d = {"name": name, "category": category, "earthed": earthed, "ports": ports}
    d.update(kw)
    return d


def cable(name, ends, wires, balanced=False, kind="cable", cap=None):
    c = {"name": name, "kind": kind, "balanced": balanced,
         "ends": [{"id": i, "connector": c, "gender": g} for (i, c, g) in ends],
         "wires": []}
    if cap:
        c["capacitance_pf_per_m"] = cap
    for w in wires:
        if isinstance(w, tuple):
            join, attrs = w
        else:
            join, attrs = w, {}
        d = {"join": list(join)}
        d.update(attrs)
        c["wires"].append(d)
    return c


def straight(name, conn, ga, gb, balanced=False, conn_b=None, kind="cable"):
    """Same-named contacts joined; shield marked on 1/sleeve/shield."""
    conn_b = conn_b or conn
    wires = []
    for ct in CONTACTS[conn]:
        attrs = {"shield": True} if ct in SHIELDS else {}
        if balanced and ct in ("2", "3", "tip", "ring"):
            attrs = {"pair": 1}
        wires.append((["a." + ct, "b." + ct], attrs))
    return cable(name, [("a", conn, ga), ("b", conn_b, gb)], wires, balanced=balanced, kind=kind)


def d_end(device, port):
    return {"device": device, "port": port}


def c_end(cable, end):
    return {"cable": cable, "end": end}


def F(code, severity, cable=None, device=None, port=None):
    return {"code": code, "severity": severity, "cable": cable, "device": device, "port": port,
            "channel": None}


PLANS = []


def plan(name, title, device_types, cable_types, devices, cables, findings, links,
         load_error=False, note=""):
    PLANS.append(dict(name=name, title=title, device_types=device_types, cable_types=cable_types,
                      devices=devices, cables=cables, findings=findings, links=links,
                      load_error=load_error, note=note))


def D(id, type, **kw):
    d = {"id": id, "type": type}
    d.update(kw)
    return d


def C(id, type, a=None, b=None, length=None, **more_ends):
    c = {"id": id, "type": type}
    if length is not None:
        c["length_m"] = length
    ends = {}
    if a is not None:
        ends["a"] = a
    if b is not None:
        ends["b"] = b
    ends.update(more_ends)
    c["ends"] = ends
    return c


def write_all(outdir):
    for p in PLANS:
        doc = {"format": "patchwise", "version": 1, "title": p["title"],
               "device_types": p["device_types"], "cable_types": p["cable_types"],
               "devices": p["devices"], "cables": p["cables"]}
        with open(os.path.join(outdir, p["name"] + ".patchwise"), "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
        exp = {"load_error": p["load_error"], "findings": p["findings"], "links": p["links"],
               "note": p["note"]}
        with open(os.path.join(outdir, p["name"] + ".expect.json"), "w") as f:
            json.dump(exp, f, indent=2)
            f.write("\n")
