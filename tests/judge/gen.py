#!/usr/bin/env python3
"""Judging corpus for DESIGN.md v2, written from DESIGN.md alone. Run: python3 gen.py"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *

# ---------------------------------------------------------------- shared types
SM58 = dev("Shure SM58", "microphones", False, [port("out", "out", "xlr3", "male", XLR_BAL, level="mic")])
TLM103 = dev("Neumann TLM 103", "microphones", False,
             [port("out", "out", "xlr3", "male", XLR_BAL, level="mic", phantom="requires")])
C414 = dev("AKG C414 XLII", "microphones", False,
           [port("out", "out", "xlr3", "male", XLR_BAL, level="mic", phantom="requires")])
COLES = dev("Coles 4038 ribbon", "microphones", False,
            [port("out", "out", "xlr3", "male", XLR_BAL, level="mic", output="floating", phantom="harmed")])
STRAT = dev("Fender Stratocaster", "instruments", False,
            [port("out", "out", "ts-6.35", "female", TS, level="instrument")])
PBASS = dev("Fender Precision Bass", "instruments", False,
            [port("out", "out", "ts-6.35", "female", TS, level="instrument")])
NORD = dev("Nord Stage 3 (class II)", "keyboards", False,
           [port("out", "out", "ts-6.35", "female", TS, level="line_consumer")])
SCARLETT = dev("Focusrite Scarlett 2i2 3rd gen", "interfaces", False, [
    port("in1", "in", "combo", "female", COMBO, level="mic", jack_level="instrument", phantom="available"),
    port("in2", "in", "combo", "female", COMBO, level="mic", jack_level="instrument", phantom="available"),
    port("out_l", "out", "trs-6.35", "female", TRS_BAL, level="line_pro"),
    port("hp", "out", "trs-6.35", "female", TRS_ST, level="headphone")])
ZED = dev("Allen & Heath ZED-12FX (IEC mains, class I)", "mixers", True, [
    port("ch1", "in", "xlr3", "female", XLR_BAL, level="mic", phantom="available"),
    port("line1", "in", "trs-6.35", "female", TRS_BAL, level="line_pro"),
    port("tape_l", "in", "rca", "female", RCA, level="line_consumer"),
    port("tape_r", "in", "rca", "female", RCA, level="line_consumer"),
    port("main_l", "out", "trs-6.35", "female", TRS_BAL, level="line_pro"),
    port("phones", "out", "trs-6.35", "female", TRS_ST, level="headphone")])
MACKIE802 = dev("Compact mixer, Mackie-style, with inserts (external supply, not earthed)", "mixers", False, [
    port("ch1", "in", "xlr3", "female", XLR_BAL, level="mic", phantom="available"),
    port("line3", "in", "trs-6.35", "female", TRS_BAL, level="line_consumer"),
    port("line5", "in", "trs-6.35", "female", TRS_BAL, level="line_pro"),
    port("ins1", "insert", "trs-6.35", "female", {"tip": "send", "ring": "return", "sleeve": "ground"},
         level="line_pro"),
    port("main_l", "out", "trs-6.35", "female", TRS_BAL, level="line_pro"),
    port("aux1", "out", "trs-6.35", "female", TRS_BAL, level="line_pro", output="impedance_balanced")])
DT770 = dev("Beyerdynamic DT 770 Pro (6.35 mm plug)", "headphones", False,
            [port("plug", "in", "trs-6.35", "male", TRS_ST, level="headphone")])
HA400 = dev("Behringer HA400", "headphone amplifiers", False,
            [port("out1", "out", "trs-6.35", "female", TRS_ST, level="headphone")])
FENDER_AMP = dev("Fender '65 Deluxe Reverb (class I)", "amplifiers", True,
                 [port("in", "in", "ts-6.35", "female", TS, level="instrument")])
KC220 = dev("Roland KC-220 keyboard amp (class I)", "amplifiers", True,
            [port("in", "in", "ts-6.35", "female", TS, level="line_consumer")])

XLR = straight("XLR female to XLR male", "xlr3", "female", "male", balanced=True)
XLR_SWAP = cable("XLR female to male, pins 2/3 swapped", [("a", "xlr3", "female"), ("b", "xlr3", "male")],
                 [(["a.2", "b.3"], {"pair": 1}), (["a.3", "b.2"], {"pair": 1}), (["a.1", "b.1"], {"shield": True})],
                 balanced=True)
TSC = straight("TS instrument cable", "ts-6.35", "male", "male")
TS_EXT = straight("TS extension, male to female", "ts-6.35", "male", "female")
TRSC = straight("TRS balanced cable", "trs-6.35", "male", "male", balanced=True)
TRS_EXT = straight("TRS headphone extension", "trs-6.35", "male", "female")
RCAC = straight("RCA cable", "rca", "male", "male")
RCA_EXT = straight("RCA coax extension, male to female", "rca", "male", "female")
MIDI = cable("MIDI cable", [("a", "din5", "male"), ("b", "din5", "male")],
             [["a.4", "b.4"], ["a.5", "b.5"], (["a.2", "b.2"], {"shield": True})])
MIDI_IN = port("in", "in", "din5", "female", {"1": "nc", "2": "nc", "3": "nc", "4": "data_pos", "5": "data_neg"},
               signal="midi", label="MIDI In")
MIDI_OUT = port("out", "out", "din5", "female", {"1": "nc", "2": "ground", "3": "nc", "4": "data_pos", "5": "data_neg"},
                signal="midi", label="MIDI Out")

def T(**kw):
    return kw

# ---------------------------------------------------------------- combo inputs
plan("scarlett-guitar-jack-48v-on", "Guitar on a Scarlett 2i2 combo jack, shared 48 V on",
     T(strat=STRAT, s2i2=SCARLETT), T(ts=TSC),
     [D("g", "strat"), D("if", "s2i2", phantom_on=["in1", "in2"])],
     [C("C1", "ts", d_end("g", "out"), d_end("if", "in1"), 3)],
     [], {"C1": "unbalanced"},
     note="§3: phantom on a combo reaches the XLR contacts only; jack_input single_ended for instrument jack_level")

plan("scarlett-guitar-jack-phantom-on-jack", "Guitar on a combo jack that feeds phantom to the jack too, 48 V on",
     T(strat=STRAT, odd=dev("Interface with phantom on the jack (rare)", "interfaces", False, [
         port("in1", "in", "combo", "female", COMBO, level="mic", jack_level="instrument", phantom="available",
              phantom_on_jack=True)])), T(ts=TSC),
     [D("g", "strat"), D("if", "odd", phantom_on=["in1"])],
     [C("C1", "ts", d_end("g", "out"), d_end("if", "in1"), 3)],
     [F("phantom-into-unbalanced", "error", "C1", "if", "in1")], {"C1": "unbalanced"})

plan("scarlett-condenser-xlr-48v-off", "TLM 103 on the Scarlett XLR, 48 V off",
     T(tlm=TLM103, s2i2=SCARLETT), T(xlr=XLR),
     [D("m", "tlm"), D("if", "s2i2")],
     [C("C1", "xlr", d_end("m", "out"), d_end("if", "in1"), 3)],
     [F("phantom-missing", "error", "C1", "if", "in1")], {"C1": "balanced"})

plan("scarlett-condenser-xlr-48v-on", "TLM 103 on the Scarlett XLR, 48 V on",
     T(tlm=TLM103, s2i2=SCARLETT), T(xlr=XLR),
     [D("m", "tlm"), D("if", "s2i2", phantom_on=["in1"])],
     [C("C1", "xlr", d_end("m", "out"), d_end("if", "in1"), 3)],
     [], {"C1": "balanced"})

MG10 = dev("Yamaha MG10XU (combo, line-level jack)", "mixers", False, [
    port("ch1", "in", "combo", "female", COMBO, level="mic", jack_level="line_pro", phantom="available")])
FIREFACE = dev("RME Fireface UCX II line out", "interfaces", False, [
    port("out1", "out", "trs-6.35", "female", TRS_BAL, level="line_pro")])
plan("combo-jack-balanced-line-48v-on", "Balanced TRS line into a combo jack, 48 V on",
     T(ff=FIREFACE, mg=MG10), T(trs=TRSC),
     [D("ff", "ff"), D("mg", "mg", phantom_on=["ch1"])],
     [C("C1", "trs", d_end("ff", "out1"), d_end("mg", "ch1"), 2)],
     [], {"C1": "balanced"})

# ---------------------------------------------------------------- headsets and headphones
EARPODS = dev("Apple EarPods 3.5 mm (CTIA)", "headphones", False, [
    port("plug", "in", "trrs-3.5", "male", {"tip": "left", "ring1": "right", "ring2": "ground", "sleeve": "mic"},
         level="headphone")])
E10K = dev("FiiO E10K (3.5 mm TRS headphone out)", "headphone amplifiers", False, [
    port("hp", "out", "trs-3.5", "female", TRS_ST, level="headphone")])
OMTP_PHONE = dev("Nokia phone, OMTP headset socket", "phones", False, [
    port("hs", "out", "trrs-3.5", "female", {"tip": "left", "ring1": "right", "ring2": "mic", "sleeve": "ground"},
         level="headphone")])
CTIA_PHONE = dev("Samsung phone, CTIA headset socket", "phones", False, [
    port("hs", "out", "trrs-3.5", "female", {"tip": "left", "ring1": "right", "ring2": "ground", "sleeve": "mic"},
         level="headphone")])

plan("earpods-ctia-into-trs-socket-direct", "EarPods (CTIA TRRS) plugged straight into a TRS headphone socket",
     T(ep=EARPODS, amp=E10K), T(),
     [D("ep", "ep"), D("amp", "amp")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("ep", "plug"), "b": d_end("amp", "hp")}}],
     [], {"D1": "unbalanced-stereo"},
     note="TRRS plug into TRS socket mates (§2); the mic tied to ground is no finding (§6 output-short)")

plan("ctia-headset-into-omtp-phone", "CTIA headset plugged into an OMTP phone",
     T(ep=EARPODS, ph=OMTP_PHONE), T(),
     [D("ep", "ep"), D("ph", "ph")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("ep", "plug"), "b": d_end("ph", "hs")}}],
     [F("reference-missing", "error", "D1", "ep", "plug")], {"D1": "unbalanced-stereo"})

plan("ctia-headset-into-ctia-phone", "CTIA headset into a CTIA phone",
     T(ep=EARPODS, ph=CTIA_PHONE), T(),
     [D("ep", "ep"), D("ph", "ph")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("ep", "plug"), "b": d_end("ph", "hs")}}],
     [], {})

plan("headphones-direct-into-amp", "DT 770 plugged straight into an HA400",
     T(hp=DT770, amp=HA400), T(),
     [D("hp", "hp"), D("amp", "amp")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("amp", "out1"), "b": d_end("hp", "plug")}}],
     [], {"D1": "unbalanced-stereo"})

plan("headphone-extension-10m", "DT 770 on a 10 m extension from an HA400",
     T(hp=DT770, amp=HA400), T(ext=TRS_EXT),
     [D("hp", "hp"), D("amp", "amp")],
     [C("X1", "ext", d_end("amp", "out1"), d_end("hp", "plug"), 10)],
     [], {"X1": "unbalanced-stereo"})

plan("headphone-extension-two-chained-12m", "Two 6 m headphone extensions chained (run 12 m)",
     T(hp=DT770, amp=HA400), T(ext=TRS_EXT),
     [D("hp", "hp"), D("amp", "amp")],
     [C("X1", "ext", d_end("amp", "out1"), None, 6),
      C("X2", "ext", c_end("X1", "b"), d_end("hp", "plug"), 6)],
     [], {"X1": "unbalanced-stereo", "X2": "unbalanced-stereo"})

WM1A = dev("Sony NW-WM1A (4.4 mm balanced out)", "players", False, [
    port("bal", "out", "pentaconn-4.4", "female",
         {"tip": "left_hot", "ring1": "left_cold", "ring2": "right_hot", "ring3": "right_cold", "sleeve": "ground"},
         level="headphone")])
WM1A_SAFE = dev("Balanced player whose negative legs may be grounded", "players", False, [
    port("bal", "out", "pentaconn-4.4", "female",
         {"tip": "left_hot", "ring1": "left_cold", "ring2": "right_hot", "ring3": "right_cold", "sleeve": "ground"},
         level="headphone", se_adapter_safe=True)])
M50 = dev("Audio-Technica ATH-M50x (3.5 mm plug)", "headphones", False, [
    port("plug", "in", "trs-3.5", "male", TRS_ST, level="headphone")])
SE_ADAPT = cable("4.4 mm balanced plug to 3.5 mm TRS socket adapter",
                 [("a", "pentaconn-4.4", "male"), ("b", "trs-3.5", "female")],
                 [["a.tip", "b.tip"], ["a.ring2", "b.ring"],
                  (["a.ring1", "a.ring3", "a.sleeve", "b.sleeve"], {"shield": True})], kind="adapter")
plan("balanced-4.4-se-adapter", "NW-WM1A 4.4 mm out through a 4.4-to-3.5 SE adapter into ATH-M50x",
     T(pl=WM1A, hp=M50), T(ad=SE_ADAPT),
     [D("pl", "pl"), D("hp", "hp")],
     [C("A1", "ad", d_end("pl", "bal"), d_end("hp", "plug"))],
     [F("output-short", "error", "A1", "pl", "bal")], {"A1": "unbalanced-stereo"})
plan("balanced-4.4-se-adapter-safe", "Balanced player marked se_adapter_safe through a SE adapter",
     T(pl=WM1A_SAFE, hp=M50), T(ad=SE_ADAPT),
     [D("pl", "pl"), D("hp", "hp")],
     [C("A1", "ad", d_end("pl", "bal"), d_end("hp", "plug"))],
     [], {"A1": "unbalanced-stereo"})

XLR4_AMP = dev("Headphone amp with XLR-4 balanced out", "headphone amplifiers", False, [
    port("bal", "out", "xlr4", "female", {"1": "left_hot", "2": "left_cold", "3": "right_hot", "4": "right_cold"},
         level="headphone")])
XLR4_HP = dev("HiFiMAN headphones on an XLR-4 plug", "headphones", False, [
    port("plug", "in", "xlr4", "male", {"1": "left_hot", "2": "left_cold", "3": "right_hot", "4": "right_cold"},
         level="headphone")])
plan("xlr4-headphones-direct", "XLR-4 balanced headphones plugged straight into the amp",
     T(amp=XLR4_AMP, hp=XLR4_HP), T(),
     [D("amp", "amp"), D("hp", "hp")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("hp", "plug"), "b": d_end("amp", "bal")}}],
     [], {"D1": "balanced-stereo"})

TS35_TS635 = cable("3.5 mm TS to 6.35 mm TS", [("a", "ts-3.5", "male"), ("b", "ts-6.35", "male")],
                   [["a.tip", "b.tip"], (["a.sleeve", "b.sleeve"], {"shield": True})])
POWERED_TS = dev("Powered speaker, TS line input", "speakers", False, [
    port("in", "in", "ts-6.35", "female", TS, level="line_pro")])
plan("ts-mono-into-ctia-phone-socket", "Mono TS 3.5 mm plug in a CTIA phone's headset socket",
     T(ph=CTIA_PHONE, spk=POWERED_TS), T(c=TS35_TS635),
     [D("ph", "ph"), D("spk", "spk")],
     [C("C1", "c", d_end("ph", "hs"), d_end("spk", "in"), 2)],
     [F("output-short", "error", "C1", "ph", "hs"), F("one-channel-only", "info", "C1", "ph", "hs")],
     {"C1": "unbalanced"})

TA4_LAV = dev("Shure WL185 lavalier (TA4F)", "microphones", False, [
    port("out", "out", "ta4", "female", {"1": "ground", "2": "nc", "3": "signal", "4": "nc"}, level="mic")])
TA4_PACK = dev("Shure ULXD1 bodypack (TA4M)", "wireless", False, [
    port("in", "in", "ta4", "male", {"1": "ground", "2": "nc", "3": "signal", "4": "nc"}, level="mic")])
plan("ta4-lav-into-bodypack-direct", "Lavalier TA4F straight into a bodypack",
     T(lav=TA4_LAV, pack=TA4_PACK), T(),
     [D("lav", "lav"), D("pack", "pack")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("lav", "out"), "b": d_end("pack", "in")}}],
     [], {"D1": "unbalanced"})

# ---------------------------------------------------------------- MIDI
SYNTH_A = dev("Korg Minilogue", "keyboards", False, [MIDI_IN, MIDI_OUT])
plan("midi-in-to-midi-in", "MIDI IN cabled to MIDI IN",
     T(syn=SYNTH_A), T(midi=MIDI),
     [D("s1", "syn"), D("s2", "syn")],
     [C("C1", "midi", d_end("s1", "in"), d_end("s2", "in"), 2)],
     [F("no-source", "error", "C1")], {"C1": "broken"})
plan("midi-out-to-in", "MIDI OUT to MIDI IN",
     T(syn=SYNTH_A), T(midi=MIDI),
     [D("s1", "syn"), D("s2", "syn")],
     [C("C1", "midi", d_end("s1", "out"), d_end("s2", "in"), 2)],
     [], {"C1": "digital"})
plan("midi-20m", "MIDI OUT to MIDI IN over 20 m",
     T(syn=SYNTH_A), T(midi=MIDI),
     [D("s1", "syn"), D("s2", "syn")],
     [C("C1", "midi", d_end("s1", "out"), d_end("s2", "in"), 20)],
     [F("cable-too-long", "warning", "C1")], {"C1": "digital"})
LINE_IN_DEV = dev("Rack processor, balanced line in", "processors", False, [
    port("in", "in", "trs-6.35", "female", TRS_BAL, level="line_pro")])
plan("line-in-to-line-in", "TRS cable between two line inputs",
     T(p=LINE_IN_DEV), T(trs=TRSC),
     [D("p1", "p"), D("p2", "p")],
     [C("C1", "trs", d_end("p1", "in"), d_end("p2", "in"), 2)],
     [F("no-source", "error", "C1")], {"C1": "broken"})

# ---------------------------------------------------------------- digital
AURORA = dev("Lynx Aurora (AES3 out, class I)", "converters", True, [
    port("aes", "out", "xlr3", "male", {"1": "ground", "2": "data_pos", "3": "data_neg"}, signal="aes3")])
AVR = dev("AV receiver, S/PDIF coax in", "hifi", False, [
    port("coax", "in", "rca", "female", {"pin": "data", "shield": "ground"}, signal="spdif")])
AES_RCA_M = cable("XLR female to RCA male AES/SPDIF adapter", [("a", "xlr3", "female"), ("b", "rca", "male")],
                  [["a.2", "b.pin"], (["a.1", "a.3", "b.shield"], {"shield": True})], kind="adapter")
AES_RCA_F = cable("XLR female to RCA female adapter", [("a", "xlr3", "female"), ("b", "rca", "female")],
                  [["a.2", "b.pin"], (["a.1", "a.3", "b.shield"], {"shield": True})], kind="adapter")
plan("aes3-to-spdif-adapter-on-cable-end", "AES3 out over XLR, XLR-to-RCA adapter on the cable's end, into S/PDIF coax",
     T(au=AURORA, avr=AVR), T(xlr=XLR, ad=AES_RCA_M),
     [D("au", "au"), D("avr", "avr")],
     [C("C1", "xlr", d_end("au", "aes"), None, 5),
      C("A1", "ad", c_end("C1", "b"), d_end("avr", "coax"))],
     [F("digital-format-adapted", "warning", "A1", "avr", "coax")], {"C1": "digital", "A1": "digital"})
plan("aes3-to-spdif-adapter-on-port", "XLR-to-RCA adapter on the AES3 out, RCA coax cable to S/PDIF in",
     T(au=AURORA, avr=AVR), T(ad=AES_RCA_F, rca=RCAC),
     [D("au", "au"), D("avr", "avr")],
     [C("A1", "ad", d_end("au", "aes"), None),
      C("C2", "rca", c_end("A1", "b"), d_end("avr", "coax"), 2)],
     [F("digital-format-adapted", "warning", "C2", "avr", "coax")], {"A1": "digital", "C2": "digital"})

CDP_SPDIF = dev("CD player with S/PDIF coax out", "hifi", False, [
    port("coax", "out", "rca", "female", {"pin": "data", "shield": "ground"}, signal="spdif")])
DAC = dev("DAC, S/PDIF coax in", "hifi", False, [
    port("coax", "in", "rca", "female", {"pin": "data", "shield": "ground"}, signal="spdif")])
plan("spdif-chained-12m", "S/PDIF coax: 6 m extension + 6 m cable (run 12 m)",
     T(cd=CDP_SPDIF, dac=DAC), T(ext=RCA_EXT, rca=RCAC),
     [D("cd", "cd"), D("dac", "dac")],
     [C("C1", "ext", d_end("cd", "coax"), None, 6), C("C2", "rca", c_end("C1", "b"), d_end("dac", "coax"), 6)],
     [F("cable-too-long", "warning", "C2")], {"C1": "digital", "C2": "digital"})
plan("spdif-chained-8m", "S/PDIF coax: 4 m extension + 4 m cable (run 8 m)",
     T(cd=CDP_SPDIF, dac=DAC), T(ext=RCA_EXT, rca=RCAC),
     [D("cd", "cd"), D("dac", "dac")],
     [C("C1", "ext", d_end("cd", "coax"), None, 4), C("C2", "rca", c_end("C1", "b"), d_end("dac", "coax"), 4)],
     [], {"C1": "digital", "C2": "digital"})
RCA_Y = cable("RCA Y splitter cable", [("in", "rca", "male"), ("o1", "rca", "male"), ("o2", "rca", "male")],
              [["in.pin", "o1.pin", "o2.pin"], (["in.shield", "o1.shield", "o2.shield"], {"shield": True})])
plan("spdif-y-split", "S/PDIF coax Y-split to two DACs",
     T(cd=CDP_SPDIF, dac=DAC), T(y=RCA_Y),
     [D("cd", "cd"), D("d1", "dac"), D("d2", "dac")],
     [{"id": "Y1", "type": "y", "length_m": 1, "ends": {"in": d_end("cd", "coax"), "o1": d_end("d1", "coax"),
                                                        "o2": d_end("d2", "coax")}}],
     [F("digital-split", "error", "Y1", "cd", "coax")], {"Y1": "digital"})
MIXER_TAPE = dev("Small mixer, RCA tape in (not earthed)", "mixers", False, [
    port("tape_l", "in", "rca", "female", RCA, level="line_consumer")])
plan("spdif-into-analog-tape-in", "S/PDIF coax out into an analog RCA input",
     T(cd=CDP_SPDIF, mx=MIXER_TAPE), T(rca=RCAC),
     [D("cd", "cd"), D("mx", "mx")],
     [C("C1", "rca", d_end("cd", "coax"), d_end("mx", "tape_l"), 2)],
     [F("signal-mismatch", "error", "C1", "mx", "tape_l")], {})

RIO = dev("Yamaha Rio stage box (etherCON)", "stage boxes", False, [
    port("dante", "out", "ethercon", "female", {"data": "data"}, signal="network")])
CONSOLE_NET = dev("Console Dante port (RJ45)", "mixers", False, [
    port("dante", "in", "rj45", "female", {"data": "data"}, signal="network")])
RJ45C = straight("Cat6 patch cable RJ45", "rj45", "male", "male")
plan("rj45-into-ethercon", "RJ45 patch cable from an etherCON stage box to an RJ45 console port",
     T(rio=RIO, con=CONSOLE_NET), T(cat=RJ45C),
     [D("rio", "rio"), D("con", "con")],
     [C("C1", "cat", d_end("rio", "dante"), d_end("con", "dante"), 20)],
     [], {"C1": "digital"})

# ---------------------------------------------------------------- inserts
INSERT_Y = cable("Insert Y cable TRS to 2 x TS", [("trs", "trs-6.35", "male"), ("send", "ts-6.35", "male"),
                                                  ("ret", "ts-6.35", "male")],
                 [["trs.tip", "send.tip"], ["trs.ring", "ret.tip"],
                  (["trs.sleeve", "send.sleeve", "ret.sleeve"], {"shield": True})])
DBX = dev("dbx 166xs (servo-balanced outputs)", "processors", True, [
    port("in", "in", "trs-6.35", "female", TRS_BAL, level="line_pro"),
    port("out", "out", "trs-6.35", "female", TRS_BAL, level="line_pro", output="servo_balanced")])
ACTIVE_COMP = dev("Compressor with active-balanced outputs", "processors", True, [
    port("in", "in", "trs-6.35", "female", TRS_BAL, level="line_pro"),
    port("out", "out", "trs-6.35", "female", TRS_BAL, level="line_pro", output="balanced")])
for nm, ty, extra in (("dbx166xs-servo-on-ts-insert-lead", DBX, []),
                      ("active-balanced-on-ts-insert-lead", ACTIVE_COMP,
                       [F("cold-leg-grounded", "warning", "INS1", "comp", "out")])):
    plan(nm, "Compressor on a Mackie insert via TRS-to-2xTS lead",
         T(mx=MACKIE802, comp=ty), T(ins=INSERT_Y),
         [D("mx", "mx"), D("comp", "comp")],
         [{"id": "INS1", "type": "ins", "length_m": 1,
           "ends": {"trs": d_end("mx", "ins1"), "send": d_end("comp", "in"), "ret": d_end("comp", "out")}}],
         [F("unbalanced-source", "info", "INS1", "mx", "ins1")] + extra, {"INS1": "unbalanced"},
         note="send is a single-ended mono output reaching the compressor's differential input via a TS plug")

# ---------------------------------------------------------------- lengths
plan("guitar-cable-7m", "7 m guitar cable into a Deluxe Reverb",
     T(g=STRAT, amp=FENDER_AMP), T(ts=TSC),
     [D("g", "g"), D("amp", "amp")],
     [C("C1", "ts", d_end("g", "out"), d_end("amp", "in"), 7)],
     [F("long-unbalanced-run", "warning", "C1")], {"C1": "unbalanced"})
plan("guitar-cable-5-5m", "5.5 m guitar cable into a Deluxe Reverb",
     T(g=STRAT, amp=FENDER_AMP), T(ts=TSC),
     [D("g", "g"), D("amp", "amp")],
     [C("C1", "ts", d_end("g", "out"), d_end("amp", "in"), 5.5)],
     [], {"C1": "unbalanced"})
plan("two-chained-4m-line-cables", "Keyboard: 4 m TS extension + 4 m TS cable into a KC-220 (run 8 m)",
     T(kb=NORD, amp=KC220), T(ext=TS_EXT, ts=TSC),
     [D("kb", "kb"), D("amp", "amp")],
     [C("C1", "ext", d_end("kb", "out"), None, 4), C("C2", "ts", c_end("C1", "b"), d_end("amp", "in"), 4)],
     [F("long-unbalanced-run", "warning", "C2")], {"C1": "unbalanced", "C2": "unbalanced"})
plan("line-cable-5-5m", "Keyboard into a KC-220 on 5.5 m of TS",
     T(kb=NORD, amp=KC220), T(ts=TSC),
     [D("kb", "kb"), D("amp", "amp")],
     [C("C1", "ts", d_end("kb", "out"), d_end("amp", "in"), 5.5)],
     [F("long-unbalanced-run", "warning", "C1")], {"C1": "unbalanced"})
plan("long-balanced-350m", "SM58 on 350 m of XLR",
     T(m=SM58, desk=MACKIE802), T(xlr=XLR),
     [D("m", "m"), D("desk", "desk")],
     [C("C1", "xlr", d_end("m", "out"), d_end("desk", "ch1"), 350)],
     [F("cable-too-long", "warning", "C1")], {"C1": "balanced"})

# ---------------------------------------------------------------- DI, splitter, pad, transformer
JDI = dev("Radial JDI passive DI", "di boxes", False, [
    port("in", "passive", "ts-6.35", "female", TS, label="Input"),
    port("thru", "passive", "ts-6.35", "female", TS, label="Thru"),
    port("out", "passive", "xlr3", "male", XLR_BAL, label="XLR out")],
    ground_lift=True,
    bridges=[["in.tip", "thru.tip"], ["in.sleeve", "thru.sleeve"], {"join": ["in.sleeve", "out.1"], "lift": True}],
    couplings=[{"from": "in", "to": "out", "kind": "transformer", "pad_db": 20}])
SVT = dev("Ampeg SVT-7 Pro (class I)", "amplifiers", True, [
    port("in", "in", "ts-6.35", "female", TS, level="instrument")])
for lift, nm, fnd in ((False, "passive-di-thru-lift-off", [F("ground-loop-risk", "warning", "C2", "amp", "in")]),
                      (True, "passive-di-thru-lift-on", [])):
    plan(nm, "Bass into a JDI, thru to an earthed bass amp, XLR to an earthed desk, lift " + ("on" if lift else "off"),
         T(b=PBASS, di=JDI, amp=SVT, desk=ZED), T(ts=TSC, xlr=XLR),
         [D("bass", "b"), D("di", "di", ground_lift_on=lift), D("amp", "amp"), D("desk", "desk")],
         [C("C1", "ts", d_end("bass", "out"), d_end("di", "in"), 3),
          C("C2", "ts", d_end("di", "thru"), d_end("amp", "in"), 3),
          C("C3", "xlr", d_end("di", "out"), d_end("desk", "ch1"), 10)],
         fnd, {"C1": "unbalanced", "C2": "unbalanced", "C3": "balanced"},
         note="JDI coupling pad_db 20 takes instrument (-20) to mic (-40)")

JS2 = dev("Radial JS2 splitter (direct + transformer-isolated out)", "splitters", False, [
    port("in", "passive", "xlr3", "female", XLR_BAL), port("direct", "passive", "xlr3", "male", XLR_BAL),
    port("iso", "passive", "xlr3", "male", XLR_BAL)],
    ground_lift=True,
    bridges=[["in.1", "direct.1"], ["in.2", "direct.2"], ["in.3", "direct.3"], {"join": ["in.1", "iso.1"], "lift": True}],
    couplings=[{"from": "in", "to": "iso", "kind": "transformer"}])
MON = dev("Monitor desk (class I)", "mixers", True, [
    port("ch1", "in", "xlr3", "female", XLR_BAL, level="mic", phantom="available")])
for nm, foh_on, mon_on, fnd in (
        ("splitter-phantom-from-foh", True, False, []),
        ("splitter-phantom-only-from-monitor", False, True, [F("phantom-missing", "error", "C2", "foh", "ch1")]),
        ("splitter-phantom-from-neither", False, False, [F("phantom-missing", "error", "C2", "foh", "ch1")])):
    plan(nm, "TLM 103 through a JS2: direct to FOH, isolated to monitors",
         T(m=TLM103, sp=JS2, foh=ZED, mon=MON), T(xlr=XLR),
         [D("m", "m"), D("sp", "sp"), D("foh", "foh", phantom_on=["ch1"] if foh_on else []),
          D("mon", "mon", phantom_on=["ch1"] if mon_on else [])],
         [C("C1", "xlr", d_end("m", "out"), d_end("sp", "in"), 5),
          C("C2", "xlr", d_end("sp", "direct"), d_end("foh", "ch1"), 40),
          C("C3", "xlr", d_end("sp", "iso"), d_end("mon", "ch1"), 10)],
         fnd, {"C1": "balanced", "C2": "balanced", "C3": "balanced"},
         note="§6 phantom-missing: one finding at each input reached without a transformer between")

MIC_ISO = dev("Mic isolation transformer (in-line)", "transformers", False, [
    port("in", "passive", "xlr3", "female", XLR_BAL), port("out", "passive", "xlr3", "male", XLR_BAL)],
    couplings=[{"from": "in", "to": "out", "kind": "transformer"}])
plan("condenser-through-isolation-transformer", "TLM 103 through an isolation transformer, desk phantom on",
     T(m=TLM103, iso=MIC_ISO, desk=ZED), T(xlr=XLR),
     [D("m", "m"), D("iso", "iso"), D("desk", "desk", phantom_on=["ch1"])],
     [C("C1", "xlr", d_end("m", "out"), d_end("iso", "in"), 2),
      C("C2", "xlr", d_end("iso", "out"), d_end("desk", "ch1"), 10)],
     [F("phantom-missing", "error", "C2", "desk", "ch1")], {"C1": "balanced", "C2": "balanced"},
     note="no input reached without a transformer: finding at each input it reaches")

Y_XLR = cable("XLR Y split (one female, two male)", [("in", "xlr3", "female"), ("o1", "xlr3", "male"),
                                                    ("o2", "xlr3", "male")],
              [(["in.2", "o1.2", "o2.2"], {"pair": 1}), (["in.3", "o1.3", "o2.3"], {"pair": 1}),
               (["in.1", "o1.1", "o2.1"], {"shield": True})], balanced=True)
for nm, on, fnd in (("condenser-y-split-no-phantom", [], [F("phantom-missing", "error", "Y1", "foh", "ch1"),
                                                          F("phantom-missing", "error", "Y1", "mon", "ch1")]),
                    ("condenser-y-split-phantom-from-one", ["ch1"], [])):
    plan(nm, "TLM 103 on an XLR Y split to two desks",
         T(m=TLM103, foh=ZED, mon=MON), T(y=Y_XLR),
         [D("m", "m"), D("foh", "foh", phantom_on=on), D("mon", "mon")],
         [{"id": "Y1", "type": "y", "length_m": 2,
           "ends": {"in": d_end("m", "out"), "o1": d_end("foh", "ch1"), "o2": d_end("mon", "ch1")}}],
         fnd, {"Y1": "balanced"})

def PAD(db):
    return dev("In-line XLR %d dB pad" % db, "pads", False, [
        port("in", "passive", "xlr3", "female", XLR_BAL), port("out", "passive", "xlr3", "male", XLR_BAL)],
        bridges=[["in.1", "out.1"]], couplings=[{"from": "in", "to": "out", "kind": "pad", "pad_db": db}])
for nm, on, fnd in (("pad-20-on-condenser-phantom-on", ["ch1"], []),
                    ("pad-20-on-condenser-phantom-off", [], [F("phantom-missing", "error", "C2", "desk", "ch1")])):
    plan(nm, "C414 on a kick through an in-line -20 dB pad",
         T(m=C414, pad=PAD(20), desk=ZED), T(xlr=XLR),
         [D("m", "m"), D("pad", "pad"), D("desk", "desk", phantom_on=on)],
         [C("C1", "xlr", d_end("m", "out"), d_end("pad", "in"), 5),
          C("C2", "xlr", d_end("pad", "out"), d_end("desk", "ch1"), 5)],
         fnd, {"C1": "balanced", "C2": "balanced"}, note="a pad passes phantom; mic level never goes below mic")

LINE_SRC = dev("Mackie ProFX main out, XLR (external supply)", "mixers", False, [
    port("main", "out", "xlr3", "male", XLR_BAL, level="line_pro")])
plan("line-into-mic-no-pad", "+4 dBu line into a mic input",
     T(src=LINE_SRC, desk=ZED), T(xlr=XLR),
     [D("src", "src"), D("desk", "desk")],
     [C("C1", "xlr", d_end("src", "main"), d_end("desk", "ch1"), 5)],
     [F("level-line-into-mic", "warning", "C1", "desk", "ch1")], {"C1": "balanced"})
for db, nm, fnd in ((40, "line-into-mic-pad-40", []),
                    (20, "line-into-mic-pad-20", [F("level-instrument-into-line", "warning", "C2", "desk", "ch1")])):
    plan(nm, "+4 dBu line through an in-line -%d dB pad into a mic input" % db,
         T(src=LINE_SRC, pad=PAD(db), desk=ZED), T(xlr=XLR),
         [D("src", "src"), D("pad", "pad"), D("desk", "desk")],
         [C("C1", "xlr", d_end("src", "main"), d_end("pad", "in"), 5),
          C("C2", "xlr", d_end("pad", "out"), d_end("desk", "ch1"), 5)],
         fnd, {"C1": "balanced", "C2": "balanced"},
         note="§3: +4-%d = %d dBu -> nearest nominal at or below" % (db, 4 - db))

CD_EARTH = dev("Denon DN-C635 CD player (class I)", "players", True, [
    port("out_l", "out", "rca", "female", RCA, level="line_consumer"),
    port("out_r", "out", "rca", "female", RCA, level="line_consumer")])
LINE_ISO = dev("Line isolation transformer, RCA in, XLR out", "transformers", False, [
    port("in", "passive", "rca", "female", RCA), port("out", "passive", "xlr3", "male", XLR_BAL)],
    couplings=[{"from": "in", "to": "out", "kind": "transformer"}])
DESK_XLR_LINE = dev("Desk with XLR line input (class I)", "mixers", True, [
    port("line", "in", "xlr3", "female", XLR_BAL, level="line_pro")])
plan("isolation-transformer-breaks-loop", "Earthed CD -> RCA -> line isolation transformer -> XLR -> earthed desk",
     T(cd=CD_EARTH, iso=LINE_ISO, desk=DESK_XLR_LINE), T(rca=RCAC, xlr=XLR),
     [D("cd", "cd"), D("iso", "iso"), D("desk", "desk")],
     [C("C1", "rca", d_end("cd", "out_l"), d_end("iso", "in"), 2),
      C("C2", "xlr", d_end("iso", "out"), d_end("desk", "line"), 10)],
     [F("level-consumer-into-pro", "info", "C2", "desk", "line")], {"C1": "unbalanced", "C2": "balanced"},
     note="transformer: no ground crosses, to side floating (no unbalanced-source); level against the source behind it")

# ---------------------------------------------------------------- phantom on mics
plan("ribbon-with-phantom", "Coles 4038 on a desk input with 48 V on",
     T(m=COLES, desk=ZED), T(xlr=XLR),
     [D("m", "m"), D("desk", "desk", phantom_on=["ch1"])],
     [C("C1", "xlr", d_end("m", "out"), d_end("desk", "ch1"), 5)],
     [F("phantom-harm", "error", "C1", "desk", "ch1")], {"C1": "balanced"})
plan("sm58-with-phantom", "SM58 on a desk input with 48 V on",
     T(m=SM58, desk=ZED), T(xlr=XLR),
     [D("m", "m"), D("desk", "desk", phantom_on=["ch1"])],
     [C("C1", "xlr", d_end("m", "out"), d_end("desk", "ch1"), 5)],
     [], {"C1": "balanced"})
TS_XLR = cable("TS male to XLR male (pin 3 to sleeve)", [("a", "ts-6.35", "male"), ("b", "xlr3", "male")],
               [["a.tip", "b.2"], (["a.sleeve", "b.1", "b.3"], {"shield": True})])
plan("ts-to-xlr-cable-phantom-on", "Keyboard TS out on a TS-to-XLR cable into a mic input with 48 V on",
     T(kb=NORD, desk=ZED), T(c=TS_XLR),
     [D("kb", "kb"), D("desk", "desk", phantom_on=["ch1"])],
     [C("C1", "c", d_end("kb", "out"), d_end("desk", "ch1"), 3)],
     [F("phantom-into-unbalanced", "error", "C1", "desk", "ch1"),
      F("level-line-into-mic", "warning", "C1", "desk", "ch1"),
      F("unbalanced-source", "info", "C1", "kb", "out")], {"C1": "unbalanced"})

# ---------------------------------------------------------------- classic links
plan("xlr-pins-swapped", "SM58 on an XLR cable with 2 and 3 swapped",
     T(m=SM58, desk=ZED), T(sw=XLR_SWAP),
     [D("m", "m"), D("desk", "desk")],
     [C("C1", "sw", d_end("m", "out"), d_end("desk", "ch1"), 5)],
     [F("polarity-inverted", "warning", "C1", "desk", "ch1")], {"C1": "balanced"})
plan("two-swapped-xlr-chained", "Two swapped XLR cables chained end to end",
     T(m=SM58, desk=ZED), T(sw=XLR_SWAP),
     [D("m", "m"), D("desk", "desk")],
     [C("C1", "sw", d_end("m", "out"), None, 5), C("C2", "sw", c_end("C1", "b"), d_end("desk", "ch1"), 5)],
     [], {"C1": "balanced", "C2": "balanced"})
TRS_XLRF = cable("TRS female to XLR male adapter", [("a", "trs-6.35", "female"), ("b", "xlr3", "male")],
                 [["a.tip", "b.2"], ["a.ring", "b.3"], (["a.sleeve", "b.1"], {"shield": True})], kind="adapter")
QSC = dev("QSC K12.2 (combo input, class I)", "speakers", True, [
    port("in", "in", "combo", "female", COMBO, level="line_pro", jack_level="line_pro")])
plan("adapter-on-cable-end-balanced", "Desk TRS main out, 10 m TRS cable, TRS-to-XLR adapter on its end into a K12.2",
     T(desk=ZED, spk=QSC), T(trs=TRSC, ad=TRS_XLRF),
     [D("desk", "desk"), D("spk", "spk")],
     [C("C1", "trs", d_end("desk", "main_l"), None, 10), C("A1", "ad", c_end("C1", "b"), d_end("spk", "in"))],
     [], {"C1": "balanced", "A1": "balanced"})
plan("trs-into-ts-output", "TRS cable from a keyboard's TS output into a balanced line input",
     T(kb=NORD, mx=MACKIE802), T(trs=TRSC),
     [D("kb", "kb"), D("mx", "mx")],
     [C("C1", "trs", d_end("kb", "out"), d_end("mx", "line3"), 3)],
     [F("cold-floating", "warning", "C1", "mx", "line3"), F("unbalanced-source", "info", "C1", "kb", "out")],
     {"C1": "unbalanced"})
VOLCA = dev("Korg volca (3.5 mm stereo out)", "synths", False, [
    port("out", "out", "trs-3.5", "female", TRS_ST, level="line_consumer")])
plan("ts-plug-into-stereo-output", "Mono TS lead from a volca's stereo out into a KC-220",
     T(v=VOLCA, amp=KC220), T(c=TS35_TS635),
     [D("v", "v"), D("amp", "amp")],
     [C("C1", "c", d_end("v", "out"), d_end("amp", "in"), 2)],
     [F("output-short", "error", "C1", "v", "out"), F("one-channel-only", "info", "C1", "v", "out")],
     {"C1": "unbalanced"})
IPOD = dev("iPod classic", "players", False, [port("hp", "out", "trs-3.5", "female", TRS_ST, level="headphone")])
TRS35_TRS635 = cable("3.5 mm TRS to 6.35 mm TRS", [("a", "trs-3.5", "male"), ("b", "trs-6.35", "male")],
                     [["a.tip", "b.tip"], ["a.ring", "b.ring"], (["a.sleeve", "b.sleeve"], {"shield": True})])
plan("trs-stereo-into-balanced-input", "iPod stereo on a TRS lead into a balanced line input",
     T(ip=IPOD, mx=MACKIE802), T(c=TRS35_TRS635),
     [D("ip", "ip"), D("mx", "mx")],
     [C("C1", "c", d_end("ip", "hp"), d_end("mx", "line5"), 2)],
     [F("stereo-into-balanced-input", "error", "C1", "mx", "line5"),
      F("stereo-trs-not-balanced", "warning", "C1", "ip", "hp")], {"C1": "unbalanced-stereo"})
Y_TS = cable("TS Y (two plugs into one)", [("l1", "ts-6.35", "male"), ("l2", "ts-6.35", "male"),
                                           ("sum", "ts-6.35", "male")],
             [["l1.tip", "l2.tip", "sum.tip"], (["l1.sleeve", "l2.sleeve", "sum.sleeve"], {"shield": True})])
plan("y-cable-summing-two-outputs", "Two keyboards summed with a TS Y into one amp input",
     T(kb=NORD, amp=KC220), T(y=Y_TS),
     [D("k1", "kb"), D("k2", "kb"), D("amp", "amp")],
     [{"id": "Y1", "type": "y", "length_m": 1,
       "ends": {"l1": d_end("k1", "out"), "l2": d_end("k2", "out"), "sum": d_end("amp", "in")}}],
     [F("outputs-joined", "error", "Y1")], {})
GTR_COMBO_SPK = dev("Guitar combo speaker out (class I)", "amplifiers", True, [
    port("spk", "out", "ts-6.35", "female", {"tip": "spk1_pos", "sleeve": "spk1_neg"}, level="speaker")])
plan("speaker-out-into-line-input", "Guitar combo speaker out into a mixer line input",
     T(amp=GTR_COMBO_SPK, mx=MACKIE802), T(ts=TSC),
     [D("amp", "amp"), D("mx", "mx")],
     [C("C1", "ts", d_end("amp", "spk"), d_end("mx", "line5"), 3)],
     [F("level-speaker-into-line", "error", "C1", "mx", "line5")], {})
SP_CAB = dev("Passive cabinet, NL8 (bi-amp)", "speakers", False, [
    port("in", "in", "speakon-nl8", "female",
         {"1+": "spk1_pos", "1-": "spk1_neg", "2+": "spk2_pos", "2-": "spk2_neg", "3+": "nc", "3-": "nc",
          "4+": "nc", "4-": "nc"}, level="speaker")])
PA_AMP = dev("Power amp, NL4 bi-amp out (class I)", "amplifiers", True, [
    port("out", "out", "speakon-nl4", "female", {"1+": "spk1_pos", "1-": "spk1_neg", "2+": "spk2_pos", "2-": "spk2_neg"},
         level="speaker")])
NL4C = straight("speakON NL4 cable", "speakon-nl4", "male", "male")
NL8C = straight("speakON NL8 cable", "speakon-nl8", "male", "male")
plan("nl4-into-nl8-cabinet", "NL4 speaker cable from an amp into an NL8 cabinet",
     T(amp=PA_AMP, cab=SP_CAB), T(c=NL4C),
     [D("amp", "amp"), D("cab", "cab")],
     [C("C1", "c", d_end("amp", "out"), d_end("cab", "in"), 15)],
     [], {"C1": "speaker"})
plan("nl8-plug-into-nl4-socket", "NL8 cable plugged into an NL4 amp output",
     T(amp=PA_AMP, cab=SP_CAB), T(c=NL8C),
     [D("amp", "amp"), D("cab", "cab")],
     [C("C1", "c", d_end("amp", "out"), d_end("cab", "in"), 15)],
     [F("connector-mismatch", "error", "C1", "amp", "out")], {},
     note="naming of connector-mismatch is not fixed by §6")
plan("open-cable-end", "XLR cable from an SM58 not yet plugged at the desk",
     T(m=SM58), T(xlr=XLR),
     [D("m", "m")],
     [C("C1", "xlr", d_end("m", "out"), None, 5)],
     [F("cable-end-open", "info", "C1")], {"C1": "open"})
CD_CONS = dev("Consumer CD player (class II)", "players", False, [
    port("out_l", "out", "rca", "female", RCA, level="line_consumer")])
PRO_AMP_RCA = dev("Power amp, RCA input at +4 dBu (not earthed)", "amplifiers", False, [
    port("in", "in", "rca", "female", RCA, level="line_pro")])
plan("consumer-into-pro", "-10 dBV CD player into a +4 dBu RCA input",
     T(cd=CD_CONS, amp=PRO_AMP_RCA), T(rca=RCAC),
     [D("cd", "cd"), D("amp", "amp")],
     [C("C1", "rca", d_end("cd", "out_l"), d_end("amp", "in"), 2)],
     [F("level-consumer-into-pro", "info", "C1", "amp", "in")], {"C1": "unbalanced"})
PRO_TS_OUT = dev("Rack effect, +4 dBu TS out (not earthed)", "processors", False, [
    port("out", "out", "ts-6.35", "female", TS, level="line_pro")])
CONS_TS_IN = dev("Consumer recorder, -10 dBV TS in", "recorders", False, [
    port("in", "in", "ts-6.35", "female", TS, level="line_consumer")])
plan("pro-into-consumer", "+4 dBu TS out into a -10 dBV input",
     T(fx=PRO_TS_OUT, rec=CONS_TS_IN), T(ts=TSC),
     [D("fx", "fx"), D("rec", "rec")],
     [C("C1", "ts", d_end("fx", "out"), d_end("rec", "in"), 2)],
     [F("level-pro-into-consumer", "warning", "C1", "rec", "in")], {"C1": "unbalanced"})
TT = dev("Technics SL-1200 turntable", "players", False, [port("out_l", "out", "rca", "female", RCA, level="phono")])
plan("phono-into-line", "Turntable straight into a mixer's RCA line input",
     T(tt=TT, mx=MIXER_TAPE), T(rca=RCAC),
     [D("tt", "tt"), D("mx", "mx")],
     [C("C1", "rca", d_end("tt", "out_l"), d_end("mx", "tape_l"), 2)],
     [F("level-phono-needs-preamp", "warning", "C1", "mx", "tape_l")], {"C1": "unbalanced"})
K12_XLR = dev("Powered speaker, XLR line input (not earthed)", "speakers", False, [
    port("in", "in", "xlr3", "female", XLR_BAL, level="line_pro")])
plan("mic-into-line-input", "SM58 into a powered speaker's XLR line input",
     T(m=SM58, spk=K12_XLR), T(xlr=XLR),
     [D("m", "m"), D("spk", "spk")],
     [C("C1", "xlr", d_end("m", "out"), d_end("spk", "in"), 5)],
     [F("level-mic-into-line", "warning", "C1", "spk", "in")], {"C1": "balanced"})
plan("guitar-into-balanced-line-input", "Strat on a TS cable into a mixer's balanced line input",
     T(g=STRAT, mx=MACKIE802), T(ts=TSC),
     [D("g", "g"), D("mx", "mx")],
     [C("C1", "ts", d_end("g", "out"), d_end("mx", "line5"), 3)],
     [F("level-instrument-into-line", "warning", "C1", "mx", "line5"),
      F("unbalanced-source", "info", "C1", "g", "out")], {"C1": "unbalanced"})
TS_AMP_LINE = dev("Guitar amp FX return (TS, +4, not earthed)", "amplifiers", False, [
    port("in", "in", "ts-6.35", "female", TS, level="line_pro")])
plan("impedance-balanced-out-on-ts", "Impedance-balanced aux send on a TS cable",
     T(mx=MACKIE802, amp=TS_AMP_LINE), T(ts=TSC),
     [D("mx", "mx"), D("amp", "amp")],
     [C("C1", "ts", d_end("mx", "aux1"), d_end("amp", "in"), 2)],
     [], {"C1": "unbalanced"})
plan("active-balanced-out-on-ts", "Active-balanced main out on a TS cable",
     T(mx=MACKIE802, amp=TS_AMP_LINE), T(ts=TSC),
     [D("mx", "mx"), D("amp", "amp")],
     [C("C1", "ts", d_end("mx", "main_l"), d_end("amp", "in"), 2)],
     [F("cold-leg-grounded", "warning", "C1", "mx", "main_l")], {"C1": "unbalanced"})
XLR_OUT_DEV = dev("Desk with XLR active-balanced out (not earthed)", "mixers", False, [
    port("out", "out", "xlr3", "male", XLR_BAL, level="line_pro")])
XLRF_TS_NOPIN1 = cable("XLR female to TS, pin 2 tip, pin 3 sleeve, pin 1 not carried",
                       [("a", "xlr3", "female"), ("b", "ts-6.35", "male")],
                       [["a.2", "b.tip"], (["a.3", "b.sleeve"], {"shield": True})])
plan("balanced-cold-drives-receiver-ground", "Balanced out, pin 3 to TS sleeve, pin 1 not carried",
     T(d=XLR_OUT_DEV, amp=TS_AMP_LINE), T(c=XLRF_TS_NOPIN1),
     [D("d", "d"), D("amp", "amp")],
     [C("C1", "c", d_end("d", "out"), d_end("amp", "in"), 3)],
     [], {"C1": "unbalanced"})
TS_TIP_ONLY = cable("TS cable with a broken shield", [("a", "ts-6.35", "male"), ("b", "ts-6.35", "male")],
                    [["a.tip", "b.tip"]])
plan("ts-shield-broken", "Guitar cable whose sleeve conductor is broken",
     T(g=STRAT, amp=FENDER_AMP), T(c=TS_TIP_ONLY),
     [D("g", "g"), D("amp", "amp")],
     [C("C1", "c", d_end("g", "out"), d_end("amp", "in"), 3)],
     [F("reference-missing", "error", "C1", "amp", "in")], {"C1": "unbalanced"})

# ---------------------------------------------------------------- ground loops
DESK_RCA_EARTH = dev("Desk with RCA 2-track in (class I)", "mixers", True, [
    port("tape_l", "in", "rca", "female", RCA, level="line_consumer"),
    port("tape_r", "in", "rca", "female", RCA, level="line_consumer"),
    port("phones", "out", "trs-6.35", "female", TRS_ST, level="headphone")])
plan("ground-loop-cd-rca-pair", "Earthed CD player into an earthed desk on two RCA leads",
     T(cd=CD_EARTH, desk=DESK_RCA_EARTH), T(rca=RCAC),
     [D("cd", "cd"), D("desk", "desk")],
     [C("C1", "rca", d_end("cd", "out_l"), d_end("desk", "tape_l"), 2),
      C("C2", "rca", d_end("cd", "out_r"), d_end("desk", "tape_r"), 2)],
     [F("ground-loop-risk", "warning", "C1", "desk", "tape_l"), F("ground-loop-risk", "warning", "C2", "desk", "tape_r")],
     {"C1": "unbalanced", "C2": "unbalanced"})
plan("ground-loop-dead-end-headphones", "Earthed CD into earthed desk; headphones on a 10 m extension (dead end)",
     T(cd=CD_EARTH, desk=DESK_RCA_EARTH, hp=DT770), T(rca=RCAC, ext=TRS_EXT),
     [D("cd", "cd"), D("desk", "desk"), D("hp", "hp")],
     [C("C1", "rca", d_end("cd", "out_l"), d_end("desk", "tape_l"), 2),
      C("X1", "ext", d_end("desk", "phones"), d_end("hp", "plug"), 10)],
     [F("ground-loop-risk", "warning", "C1", "desk", "tape_l")], {"C1": "unbalanced", "X1": "unbalanced-stereo"})
SYN_EARTH = dev("Rack synth module (class I)", "synths", True, [port("out", "out", "ts-6.35", "female", TS,
                                                                     level="line_pro")])
PLATE = dev("Wall plate, two TS jacks", "wall plates", False, [
    port("a", "passive", "ts-6.35", "female", TS), port("b", "passive", "ts-6.35", "female", TS)],
    bridges=[["a.tip", "b.tip"], ["a.sleeve", "b.sleeve"]])
DESK_TS_EARTH = dev("Desk with TS line input (class I)", "mixers", True, [
    port("line1", "in", "ts-6.35", "female", TS, level="line_pro")])
plan("ground-loop-through-wall-plate", "Earthed synth -> TS -> wall plate -> TS -> earthed desk",
     T(syn=SYN_EARTH, plate=PLATE, desk=DESK_TS_EARTH), T(ts=TSC),
     [D("syn", "syn"), D("plate", "plate"), D("desk", "desk")],
     [C("C1", "ts", d_end("syn", "out"), d_end("plate", "a"), 3),
      C("C2", "ts", d_end("plate", "b"), d_end("desk", "line1"), 3)],
     [F("ground-loop-risk", "warning", "C1", "plate", "a"), F("ground-loop-risk", "warning", "C2", "desk", "line1")],
     {"C1": "unbalanced", "C2": "unbalanced"},
     note="C1's receiving end is the plate's passive port a (medium confidence on port naming)")
MIX_FX = dev("Mixer with TS aux send/return (class I)", "mixers", True, [
    port("send", "out", "ts-6.35", "female", TS, level="line_consumer"),
    port("ret", "in", "ts-6.35", "female", TS, level="line_consumer")])
FX_UNEARTH = dev("Alesis reverb (wall-wart, not earthed)", "processors", False, [
    port("in", "in", "ts-6.35", "female", TS, level="line_consumer"),
    port("out", "out", "ts-6.35", "female", TS, level="line_consumer")])
plan("effects-loop-single-earthed-device", "Unearthed reverb on an earthed mixer's send/return",
     T(mx=MIX_FX, fx=FX_UNEARTH), T(ts=TSC),
     [D("mx", "mx"), D("fx", "fx")],
     [C("C1", "ts", d_end("mx", "send"), d_end("fx", "in"), 2),
      C("C2", "ts", d_end("fx", "out"), d_end("mx", "ret"), 2)],
     [], {"C1": "unbalanced", "C2": "unbalanced"},
     note="§5.5 needs two earthed devices")
PATCHBAY_EARTHED = dev("Passive patch point marked earthed (ignored)", "patch bays", True, [
    port("a", "passive", "ts-6.35", "female", TS), port("b", "passive", "ts-6.35", "female", TS)],
    bridges=[["a.tip", "b.tip"], ["a.sleeve", "b.sleeve"]])
plan("earthed-flag-on-passive-device-ignored", "Unearthed keyboard -> passive point marked earthed -> earthed desk",
     T(kb=NORD, pb=PATCHBAY_EARTHED, desk=DESK_TS_EARTH), T(ts=TSC),
     [D("kb", "kb"), D("pb", "pb"), D("desk", "desk")],
     [C("C1", "ts", d_end("kb", "out"), d_end("pb", "a"), 2),
      C("C2", "ts", d_end("pb", "b"), d_end("desk", "line1"), 2)],
     [F("level-consumer-into-pro", "info", "C2", "desk", "line1")], {"C1": "unbalanced", "C2": "unbalanced"},
     note="§5.5: earthed on a passive device is ignored")


# ---------------------------------------------------------------- batch 2
TRS_EXT8 = TRS_EXT
plan("line-stereo-on-8m-extension", "volca stereo line out on an 8 m TRS extension into a stereo line input",
     T(v=VOLCA, rec=dev("Stereo recorder, TRS stereo line in", "recorders", False, [
         port("in", "in", "trs-6.35", "male", TRS_ST, level="line_consumer")])), T(ext=straight(
         "3.5 mm TRS male to 6.35 mm TRS female extension", "trs-3.5", "male", "female", conn_b="trs-6.35")),
     [D("v", "v"), D("rec", "rec")],
     [C("C1", "ext", d_end("v", "out"), d_end("rec", "in"), 8)],
     [F("long-unbalanced-run", "warning", "C1")], {"C1": "unbalanced-stereo"},
     note="line level, not headphone: the headphone exemption does not apply")

IMP_XLR = dev("Mixer XLR out, impedance-balanced (not earthed)", "mixers", False, [
    port("out", "out", "xlr3", "male", XLR_BAL, level="line_pro", output="impedance_balanced")])
plan("impedance-balanced-out-into-mic-phantom-on", "Impedance-balanced XLR out into a mic input with 48 V on",
     T(src=IMP_XLR, desk=ZED), T(xlr=XLR),
     [D("src", "src"), D("desk", "desk", phantom_on=["ch1"])],
     [C("C1", "xlr", d_end("src", "out"), d_end("desk", "ch1"), 5)],
     [F("phantom-into-unbalanced", "error", "C1", "desk", "ch1"),
      F("level-line-into-mic", "warning", "C1", "desk", "ch1")], {"C1": "balanced"},
     note="the input's cold net holds the output's cold, a reference in an impedance-balanced output")

XLRF_TS_PIN1 = cable("XLR female to TS, pins 1 and 3 to sleeve", [("a", "xlr3", "female"), ("b", "ts-6.35", "male")],
                     [["a.2", "b.tip"], (["a.1", "a.3", "b.sleeve"], {"shield": True})])
plan("balanced-cold-tied-to-pin1-at-source", "Active-balanced XLR out, pins 1 and 3 joined, into a TS input",
     T(d=XLR_OUT_DEV, amp=TS_AMP_LINE), T(c=XLRF_TS_PIN1),
     [D("d", "d"), D("amp", "amp")],
     [C("C1", "c", d_end("d", "out"), d_end("amp", "in"), 3)],
     [F("cold-leg-grounded", "warning", "C1", "d", "out")], {"C1": "unbalanced"})

plan("stereo-into-combo-jack-48v-on", "iPod stereo TRS into a line-level combo jack, 48 V on",
     T(ip=IPOD, mg=MG10), T(c=TRS35_TRS635),
     [D("ip", "ip"), D("mg", "mg", phantom_on=["ch1"])],
     [C("C1", "c", d_end("ip", "hp"), d_end("mg", "ch1"), 2)],
     [F("stereo-into-balanced-input", "error", "C1", "mg", "ch1"),
      F("stereo-trs-not-balanced", "warning", "C1", "ip", "hp")], {"C1": "unbalanced-stereo"},
     note="phantom reaches the XLR part only (no phantom_on_jack)")
plan("guitar-into-line-combo-jack-48v-on", "Guitar into a line-level (not Hi-Z) combo jack, 48 V on",
     T(g=STRAT, mg=MG10), T(ts=TSC),
     [D("g", "g"), D("mg", "mg", phantom_on=["ch1"])],
     [C("C1", "ts", d_end("g", "out"), d_end("mg", "ch1"), 3)],
     [F("level-instrument-into-line", "warning", "C1", "mg", "ch1"),
      F("unbalanced-source", "info", "C1", "g", "out")], {"C1": "unbalanced"},
     note="jack_input defaults to the pins (differential) when jack_level is not instrument")
plan("dynamic-on-combo-xlr-48v-on", "SM58 on the Scarlett XLR with 48 V on",
     T(m=SM58, s2i2=SCARLETT), T(xlr=XLR),
     [D("m", "m"), D("if", "s2i2", phantom_on=["in1"])],
     [C("C1", "xlr", d_end("m", "out"), d_end("if", "in1"), 3)],
     [], {"C1": "balanced"})
NO_PHANTOM_REC = dev("Field recorder without phantom", "recorders", False, [
    port("in", "in", "xlr3", "female", XLR_BAL, level="mic")])
plan("condenser-into-input-without-phantom", "TLM 103 into an input that has no phantom at all",
     T(m=TLM103, rec=NO_PHANTOM_REC), T(xlr=XLR),
     [D("m", "m"), D("rec", "rec")],
     [C("C1", "xlr", d_end("m", "out"), d_end("rec", "in"), 3)],
     [F("phantom-missing", "error", "C1", "rec", "in")], {"C1": "balanced"})

DESK_LIFT = dev("Desk with RCA 2-track in and a ground-lift switch (class I)", "mixers", True, [
    port("tape_l", "in", "rca", "female", RCA, level="line_consumer")], ground_lift=True)
plan("ground-loop-lift-on-earthed-receiver", "Earthed CD into an earthed desk whose ground lift is on",
     T(cd=CD_EARTH, desk=DESK_LIFT), T(rca=RCAC),
     [D("cd", "cd"), D("desk", "desk", ground_lift_on=True)],
     [C("C1", "rca", d_end("cd", "out_l"), d_end("desk", "tape_l"), 2)],
     [], {"C1": "unbalanced"})
plan("ground-loop-lift-off-earthed-receiver", "Earthed CD into an earthed desk whose ground lift is off",
     T(cd=CD_EARTH, desk=DESK_LIFT), T(rca=RCAC),
     [D("cd", "cd"), D("desk", "desk", ground_lift_on=False)],
     [C("C1", "rca", d_end("cd", "out_l"), d_end("desk", "tape_l"), 2)],
     [F("ground-loop-risk", "warning", "C1", "desk", "tape_l")], {"C1": "unbalanced"})

J48 = dev("Radial J48 active DI (phantom powered, not earthed)", "di boxes", False, [
    port("in", "in", "ts-6.35", "female", TS, level="instrument", label="Input"),
    port("thru", "passive", "ts-6.35", "female", TS, label="Thru"),
    port("out", "out", "xlr3", "male", XLR_BAL, level="mic", phantom="requires")],
    ground_lift=True, bridges=[["in.tip", "thru.tip"], ["in.sleeve", "thru.sleeve"]])
for lift, nm, fnd in ((False, "active-di-thru-lift-off", [F("ground-loop-risk", "warning", "C2", "amp", "in")]),
                      (True, "active-di-thru-lift-on", [])):
    plan(nm, "Bass into a J48, thru to an earthed bass amp, XLR to an earthed desk (48 V on), lift " +
         ("on" if lift else "off"),
         T(b=PBASS, di=J48, amp=SVT, desk=ZED), T(ts=TSC, xlr=XLR),
         [D("bass", "b"), D("di", "di", ground_lift_on=lift), D("amp", "amp"), D("desk", "desk", phantom_on=["ch1"])],
         [C("C1", "ts", d_end("bass", "out"), d_end("di", "in"), 3),
          C("C2", "ts", d_end("di", "thru"), d_end("amp", "in"), 3),
          C("C3", "xlr", d_end("di", "out"), d_end("desk", "ch1"), 10)],
         fnd, {"C1": "unbalanced", "C2": "unbalanced", "C3": "balanced"},
         note="§5.5: lift on an active unearthed device keeps its out ports' references apart")

CD_SPDIF_AES = dev("CD player with S/PDIF coax out", "hifi", False, [
    port("coax", "out", "rca", "female", {"pin": "data", "shield": "ground"}, signal="spdif")])
AES_IN_DEV = dev("Studio converter, AES3 in (not earthed)", "converters", False, [
    port("aes", "in", "xlr3", "female", {"1": "ground", "2": "data_pos", "3": "data_neg"}, signal="aes3")])
RCAF_XLRM = cable("RCA female to XLR male adapter", [("a", "rca", "female"), ("b", "xlr3", "male")],
                  [["a.pin", "b.2"], (["a.shield", "b.1", "b.3"], {"shield": True})], kind="adapter")
plan("spdif-into-aes3-cable-into-adapter", "S/PDIF coax on an RCA cable plugged into an RCA-to-XLR adapter on an AES3 input",
     T(cd=CD_SPDIF_AES, conv=AES_IN_DEV), T(rca=RCAC, ad=RCAF_XLRM),
     [D("cd", "cd"), D("conv", "conv")],
     [C("C1", "rca", d_end("cd", "coax"), c_end("A1", "a"), 2),
      C("A1", "ad", None, d_end("conv", "aes"))],
     [F("digital-format-adapted", "warning", "A1", "conv", "aes")], {"C1": "digital", "A1": "digital"},
     note="§4: C1's end b names A1's end a, which is left out of A1's ends")

for nm, fnd in (("ground-loop-through-two-wall-plates",
                 [F("ground-loop-risk", "warning", "C1", "p1", "a"), F("ground-loop-risk", "warning", "C2"),
                  F("ground-loop-risk", "warning", "C3", "desk", "line1")]),):
    plan(nm, "Earthed synth -> plate -> tie line -> plate -> earthed desk, all TS",
         T(syn=SYN_EARTH, plate=PLATE, desk=DESK_TS_EARTH), T(ts=TSC),
         [D("syn", "syn"), D("p1", "plate"), D("p2", "plate"), D("desk", "desk")],
         [C("C1", "ts", d_end("syn", "out"), d_end("p1", "a"), 2),
          C("C2", "ts", d_end("p1", "b"), d_end("p2", "a"), 2),
          C("C3", "ts", d_end("p2", "b"), d_end("desk", "line1"), 2)],
         fnd, {"C1": "unbalanced", "C2": "unbalanced", "C3": "unbalanced"},
         note="C2 joins passive ports only: no port named")

plan("nl2-into-nl4-amp-out", "NL2 speaker cable from an NL4 amp output into an NL4 cabinet",
     T(amp=PA_AMP, cab=dev("Passive wedge, NL4 (1+/1- used)", "speakers", False, [
         port("in", "in", "speakon-nl4", "female", {"1+": "spk1_pos", "1-": "spk1_neg", "2+": "nc", "2-": "nc"},
              level="speaker")])), T(c=straight("speakON NL2 cable", "speakon-nl2", "male", "male")),
     [D("amp", "amp"), D("cab", "cab")],
     [C("C1", "c", d_end("amp", "out"), d_end("cab", "in"), 10)],
     [], {"C1": "speaker"})


TRS35_XLR = cable("3.5 mm TRS to XLR male (tip to pin 2, ring unused)", [("a", "trs-3.5", "male"), ("b", "xlr3", "male")],
                  [["a.tip", "b.2"], (["a.sleeve", "b.1", "b.3"], {"shield": True})])
plan("headphone-out-into-mic-input", "iPod headphone out on a TRS-to-XLR lead into a mic input",
     T(ip=IPOD, desk=ZED), T(c=TRS35_XLR),
     [D("ip", "ip"), D("desk", "desk")],
     [C("C1", "c", d_end("ip", "hp"), d_end("desk", "ch1"), 2)],
     [F("level-line-into-mic", "warning", "C1", "desk", "ch1"), F("one-channel-only", "info", "C1", "ip", "hp")],
     {"C1": "unbalanced"})


DUALXLR_AMP = dev("Headphone amp with dual XLR-3 balanced outs", "headphone amplifiers", False, [
    port("out_l", "out", "xlr3", "female", {"1": "ground", "2": "left_hot", "3": "left_cold"}, level="headphone"),
    port("out_r", "out", "xlr3", "female", {"1": "ground", "2": "right_hot", "3": "right_cold"}, level="headphone")])
DUALXLR_HP = dev("Headphones on dual XLR-3 male plugs", "headphones", False, [
    port("plug_l", "in", "xlr3", "male", {"1": "ground", "2": "left_hot", "3": "left_cold"}, level="headphone"),
    port("plug_r", "in", "xlr3", "male", {"1": "ground", "2": "right_hot", "3": "right_cold"}, level="headphone")])
plan("dual-xlr3-headphones-direct", "Dual XLR-3 headphones plugged straight into an amp with two XLR-3 outs",
     T(amp=DUALXLR_AMP, hp=DUALXLR_HP), T(),
     [D("amp", "amp"), D("hp", "hp")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("hp", "plug_l"), "b": d_end("amp", "out_l")}},
      {"id": "D2", "type": "direct", "ends": {"a": d_end("hp", "plug_r"), "b": d_end("amp", "out_r")}}],
     [], {}, note="false-alarm check: both channels arrive, one per connector")

CONSOLE_ETH = dev("Console, RJ45 Dante port", "mixers", False, [
    port("dante", "in", "rj45", "female", {"data": "data"}, signal="network")])
ETHERCON_CABLE = straight("etherCON cable", "ethercon", "male", "male")
STAGE_ETH = dev("Stage box, etherCON", "stage boxes", False, [
    port("dante", "out", "ethercon", "female", {"data": "data"}, signal="network")])
plan("ethercon-into-rj45", "etherCON cable into an RJ45 console port",
     T(sb=STAGE_ETH, con=CONSOLE_ETH), T(c=ETHERCON_CABLE),
     [D("sb", "sb"), D("con", "con")],
     [C("C1", "c", d_end("sb", "dante"), d_end("con", "dante"), 30)],
     [], {"C1": "digital"})

plan("two-pads-chained-line-into-mic", "+4 dBu line through two chained -20 dB pads into a mic input",
     T(src=LINE_SRC, pad=PAD(20), desk=ZED), T(xlr=XLR),
     [D("src", "src"), D("p1", "pad"), D("p2", "pad"), D("desk", "desk")],
     [C("C1", "xlr", d_end("src", "main"), d_end("p1", "in"), 5),
      C("C2", "xlr", d_end("p1", "out"), d_end("p2", "in"), 1),
      C("C3", "xlr", d_end("p2", "out"), d_end("desk", "ch1"), 5)],
     [], {"C1": "balanced", "C2": "balanced", "C3": "balanced"},
     note="couplings chain: +4 -20 -20 lands at mic level either way you round")
plan("pad-then-transformer-condenser-phantom-on", "C414 -> -20 dB pad -> isolation transformer -> desk with 48 V on",
     T(m=C414, pad=PAD(20), iso=MIC_ISO, desk=ZED), T(xlr=XLR),
     [D("m", "m"), D("pad", "pad"), D("iso", "iso"), D("desk", "desk", phantom_on=["ch1"])],
     [C("C1", "xlr", d_end("m", "out"), d_end("pad", "in"), 5),
      C("C2", "xlr", d_end("pad", "out"), d_end("iso", "in"), 1),
      C("C3", "xlr", d_end("iso", "out"), d_end("desk", "ch1"), 5)],
     [F("phantom-missing", "error", "C3", "desk", "ch1")], {"C1": "balanced", "C2": "balanced", "C3": "balanced"})
plan("load-error-coupling-loop", "A device type whose couplings form a loop",
     T(bad=dev("Broken transformer type", "transformers", False, [
         port("a", "passive", "xlr3", "female", XLR_BAL), port("b", "passive", "xlr3", "male", XLR_BAL)],
         couplings=[{"from": "a", "to": "b", "kind": "transformer"}, {"from": "b", "to": "a", "kind": "transformer"}])),
     T(), [D("x", "bad")], [], [], {}, load_error=True)


plan("condenser-through-isolation-transformer-phantom-off", "TLM 103 through an isolation transformer, desk phantom off",
     T(m=TLM103, iso=MIC_ISO, desk=ZED), T(xlr=XLR),
     [D("m", "m"), D("iso", "iso"), D("desk", "desk")],
     [C("C1", "xlr", d_end("m", "out"), d_end("iso", "in"), 2),
      C("C2", "xlr", d_end("iso", "out"), d_end("desk", "ch1"), 10)],
     [F("phantom-missing", "error", "C2", "desk", "ch1")], {"C1": "balanced", "C2": "balanced"})

for nm, on, fnd in (("pad-keeps-single-ended-source", [], [F("unbalanced-source", "info", "C2", "pad", "out")]),
                    ("pad-keeps-single-ended-source-phantom-on", ["ch1"],
                     [F("unbalanced-source", "info", "C2", "pad", "out"),
                      F("phantom-into-unbalanced", "error", "C2", "desk", "ch1")])):
    plan(nm, "Keyboard TS out on a TS-to-XLR lead, -20 dB pad, into a mic input",
         T(kb=NORD, pad=PAD(20), desk=ZED), T(c=TS_XLR, xlr=XLR),
         [D("kb", "kb"), D("pad", "pad"), D("desk", "desk", phantom_on=on)],
         [C("C1", "c", d_end("kb", "out"), d_end("pad", "in"), 3),
          C("C2", "xlr", d_end("pad", "out"), d_end("desk", "ch1"), 5)],
         fnd, {"C1": "unbalanced", "C2": "unbalanced"},
         note="pad keeps its source's output kind and passes phantom; -10 dBV -20 dB -> mic level. AMBIGUOUS: §3 the to port is an output in every respect, so unbalanced-source names pad.out/C2 (the program's reading); kb.out/C1 is the other reading")
plan("transformer-isolates-single-ended-source-phantom-on", "Keyboard TS out, TS-to-XLR lead, isolation transformer, mic input with 48 V on",
     T(kb=NORD, iso=MIC_ISO, desk=ZED), T(c=TS_XLR, xlr=XLR),
     [D("kb", "kb"), D("iso", "iso"), D("desk", "desk", phantom_on=["ch1"])],
     [C("C1", "c", d_end("kb", "out"), d_end("iso", "in"), 3),
      C("C2", "xlr", d_end("iso", "out"), d_end("desk", "ch1"), 5)],
     [F("level-line-into-mic", "warning", "C2", "desk", "ch1")], {"C1": "unbalanced", "C2": "balanced"},
     note="transformer: floating to side judged afresh, phantom does not cross; level from the source behind it")

plan("run-through-direct-between-cable-ends", "4 m TS extension and 4 m TS cable joined by a direct connection (run 8 m)",
     T(kb=NORD, amp=KC220), T(ext=TS_EXT, ts=TSC),
     [D("kb", "kb"), D("amp", "amp")],
     [C("C1", "ext", d_end("kb", "out"), None, 4), C("C2", "ts", None, d_end("amp", "in"), 4),
      {"id": "D1", "type": "direct", "ends": {"a": c_end("C1", "b"), "b": c_end("C2", "a")}}],
     [F("long-unbalanced-run", "warning", "C2")], {"C1": "unbalanced", "C2": "unbalanced"})

XLR_MM = straight("XLR male to male", "xlr3", "male", "male")
plan("xlr-end-into-trs-cable-end", "An XLR plug pushed into the socket end of a TRS extension",
     T(kb=NORD, desk=ZED), T(ext=straight("TRS extension male to female", "trs-6.35", "male", "female"), xlr=XLR_MM),
     [D("kb", "kb"), D("desk", "desk")],
     [C("C1", "ext", d_end("kb", "out"), None, 3), C("C2", "xlr", d_end("desk", "ch1"), c_end("C1", "b"), 3)],
     [F("connector-mismatch", "error", "C2")], {},
     note="naming of connector-mismatch is not fixed by §6; C2 writes the link")


K12_EARTH = dev("QSC K12.2 XLR line input (class I)", "speakers", True, [
    port("in", "in", "xlr3", "female", XLR_BAL, level="line_pro")])
TRS_XLRM = cable("TRS male to XLR male", [("a", "trs-6.35", "male"), ("b", "xlr3", "male")],
                 [(["a.tip", "b.2"], {"pair": 1}), (["a.ring", "b.3"], {"pair": 1}), (["a.sleeve", "b.1"], {"shield": True})],
                 balanced=True)
plan("ground-loop-via-unearthed-mixer", "Earthed synth TS into an unearthed mixer, mixer XLR-balanced to an earthed speaker",
     T(syn=SYN_EARTH, mx=MACKIE802, spk=K12_EARTH), T(ts=TSC, c=TRS_XLRM),
     [D("syn", "syn"), D("mx", "mx"), D("spk", "spk")],
     [C("C1", "ts", d_end("syn", "out"), d_end("mx", "line5"), 3),
      C("C2", "c", d_end("mx", "main_l"), d_end("spk", "in"), 10)],
     [F("ground-loop-risk", "warning", "C1", "mx", "line5"), F("unbalanced-source", "info", "C1", "syn", "out")],
     {"C1": "unbalanced", "C2": "balanced"},
     note="§5.5: the mixer's signal ground joins its ports' references; C2 is balanced so not named")
XLRF_TS_COLDOPEN = cable("XLR female to TS, pin 2 tip, pin 1 sleeve, pin 3 open", [("a", "xlr3", "female"), ("b", "ts-6.35", "male")],
                         [["a.2", "b.tip"], (["a.1", "b.sleeve"], {"shield": True})])
plan("balanced-out-cold-open-into-ts", "Active-balanced XLR out, pin 3 left open, into a TS input",
     T(d=XLR_OUT_DEV, amp=TS_AMP_LINE), T(c=XLRF_TS_COLDOPEN),
     [D("d", "d"), D("amp", "amp")],
     [C("C1", "c", d_end("d", "out"), d_end("amp", "in"), 3)],
     [], {"C1": "unbalanced"})
DRUMS = dev("Drum machine, stereo TRS out", "synths", False, [
    port("out", "out", "trs-6.35", "female", TRS_ST, level="line_consumer")])
REC_ST = dev("Recorder, stereo TRS line in", "recorders", False, [
    port("in", "in", "trs-6.35", "female", TRS_ST, level="line_consumer")])
plan("stereo-on-balanced-sold-cable", "Stereo TRS out on a cable sold as balanced into a stereo TRS input",
     T(dm=DRUMS, rec=REC_ST), T(trs=TRSC),
     [D("dm", "dm"), D("rec", "rec")],
     [C("C1", "trs", d_end("dm", "out"), d_end("rec", "in"), 2)],
     [F("stereo-trs-not-balanced", "warning", "C1", "dm", "out")], {"C1": "unbalanced-stereo"})
plan("mono-ts-into-stereo-input", "Mono TS synth out into a stereo TRS line input",
     T(kb=NORD, rec=REC_ST), T(ts=TSC),
     [D("kb", "kb"), D("rec", "rec")],
     [C("C1", "ts", d_end("kb", "out"), d_end("rec", "in"), 2)],
     [F("one-channel-only", "info", "C1", "rec", "in")], {"C1": "unbalanced"})
for nm, mid, fnd in (("ribbon-through-pad-phantom-on", PAD(20), [F("phantom-harm", "error", "C2", "desk", "ch1")]),
                     ("ribbon-through-transformer-phantom-on", MIC_ISO, [])):
    plan(nm, "Coles 4038 through an in-line device into a desk with 48 V on",
         T(m=COLES, mid=mid, desk=ZED), T(xlr=XLR),
         [D("m", "m"), D("mid", "mid"), D("desk", "desk", phantom_on=["ch1"])],
         [C("C1", "xlr", d_end("m", "out"), d_end("mid", "in"), 3),
          C("C2", "xlr", d_end("mid", "out"), d_end("desk", "ch1"), 5)],
         fnd, {"C1": "balanced", "C2": "balanced"}, note="a pad passes phantom, a transformer blocks it")


BOX3 = dev("Passive TS splitter box, three jacks bridged", "splitters", False, [
    port("a", "passive", "ts-6.35", "female", TS), port("b", "passive", "ts-6.35", "female", TS),
    port("c", "passive", "ts-6.35", "female", TS)],
    bridges=[["a.tip", "b.tip", "c.tip"], ["a.sleeve", "b.sleeve", "c.sleeve"]])
REC_TS = dev("Battery field recorder, TS line in", "recorders", False, [
    port("in", "in", "ts-6.35", "female", TS, level="line_pro")])
plan("ground-loop-dead-end-at-passive-split", "Earthed synth -> passive split -> earthed desk and unearthed recorder",
     T(syn=SYN_EARTH, box=BOX3, desk=DESK_TS_EARTH, rec=REC_TS), T(ts=TSC),
     [D("syn", "syn"), D("box", "box"), D("desk", "desk"), D("rec", "rec")],
     [C("C1", "ts", d_end("syn", "out"), d_end("box", "a"), 2),
      C("C2", "ts", d_end("box", "b"), d_end("desk", "line1"), 2),
      C("C3", "ts", d_end("box", "c"), d_end("rec", "in"), 2)],
     [F("ground-loop-risk", "warning", "C1", "box", "a"), F("ground-loop-risk", "warning", "C2", "desk", "line1")],
     {"C1": "unbalanced", "C2": "unbalanced", "C3": "unbalanced"},
     note="C3 is a dead-end branch; C1's receiving end is the passive box port (naming medium confidence)")
CD_LIFT = dev("CD player with ground-lift switch (class I)", "players", True, [
    port("out_l", "out", "rca", "female", RCA, level="line_consumer")], ground_lift=True)
DESK_RCA_TS = dev("Desk with RCA in and TS aux out (class I)", "mixers", True, [
    port("tape_l", "in", "rca", "female", RCA, level="line_consumer"),
    port("aux", "out", "ts-6.35", "female", TS, level="line_pro")])
AMP_TS_EARTH = dev("Power amp, TS input (class I)", "amplifiers", True, [
    port("in", "in", "ts-6.35", "female", TS, level="line_pro")])
plan("ground-loop-lifted-source-and-second-link", "Lifted earthed CD into earthed desk; desk TS aux to earthed amp",
     T(cd=CD_LIFT, desk=DESK_RCA_TS, amp=AMP_TS_EARTH), T(rca=RCAC, ts=TSC),
     [D("cd", "cd", ground_lift_on=True), D("desk", "desk"), D("amp", "amp")],
     [C("C1", "rca", d_end("cd", "out_l"), d_end("desk", "tape_l"), 2),
      C("C2", "ts", d_end("desk", "aux"), d_end("amp", "in"), 2)],
     [F("ground-loop-risk", "warning", "C2", "amp", "in")], {"C1": "unbalanced", "C2": "unbalanced"})
AES_IN_E = dev("Converter AES3 in", "converters", False, [
    port("aes", "in", "xlr3", "female", {"1": "ground", "2": "data_pos", "3": "data_neg"}, signal="aes3")])
plan("aes3-chained-120m", "AES3 over two 60 m XLR cables chained (run 120 m)",
     T(au=AURORA, conv=AES_IN_E), T(xlr=XLR),
     [D("au", "au"), D("conv", "conv")],
     [C("C1", "xlr", d_end("au", "aes"), None, 60), C("C2", "xlr", c_end("C1", "b"), d_end("conv", "aes"), 60)],
     [F("cable-too-long", "warning", "C2")], {"C1": "digital", "C2": "digital"})
OMTP_HS = dev("Older Nokia headset (OMTP)", "headphones", False, [
    port("plug", "in", "trrs-3.5", "male", {"tip": "left", "ring1": "right", "ring2": "mic", "sleeve": "ground"},
         level="headphone")])
plan("omtp-headset-into-ctia-phone", "OMTP headset plugged into a CTIA phone",
     T(hs=OMTP_HS, ph=CTIA_PHONE), T(),
     [D("hs", "hs"), D("ph", "ph")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("hs", "plug"), "b": d_end("ph", "hs")}}],
     [F("reference-missing", "error", "D1", "hs", "plug")], {"D1": "unbalanced-stereo"})
for nm, ph in (("trs-headphones-into-ctia-phone", CTIA_PHONE), ("trs-headphones-into-omtp-phone", OMTP_PHONE)):
    plan(nm, "ATH-M50x (3.5 mm TRS) plugged straight into a phone's headset socket",
         T(hp=M50, ph=ph), T(),
         [D("hp", "hp"), D("ph", "ph")],
         [{"id": "D1", "type": "direct", "ends": {"a": d_end("hp", "plug"), "b": d_end("ph", "hs")}}],
         [], {"D1": "unbalanced-stereo"},
         note="TRS plug in TRRS socket: plug sleeve touches ring2 and sleeve; the phone's mic input tied to ground is no finding")


plan("splitter-iso-leg-only-phantom-on", "TLM 103 into a JS2, only the isolated leg used, monitor desk 48 V on",
     T(m=TLM103, sp=JS2, mon=MON), T(xlr=XLR),
     [D("m", "m"), D("sp", "sp"), D("mon", "mon", phantom_on=["ch1"])],
     [C("C1", "xlr", d_end("m", "out"), d_end("sp", "in"), 5),
      C("C3", "xlr", d_end("sp", "iso"), d_end("mon", "ch1"), 10)],
     [F("phantom-missing", "error", "C3", "mon", "ch1")], {"C1": "balanced", "C3": "balanced"},
     note="no input reached without a transformer: one finding at each input it reaches")


for nm, ln, fnd in (("chained-cable-last-end-open-short", 2, [F("cable-end-open", "info", "C2")]),
                    ("chained-cable-last-end-open-long", 4, [F("cable-end-open", "info", "C2")])):
    plan(nm, "Keyboard: TS extension + TS cable, far end not yet plugged",
         T(kb=NORD), T(ext=TS_EXT, ts=TSC),
         [D("kb", "kb")],
         [C("C1", "ext", d_end("kb", "out"), None, ln), C("C2", "ts", c_end("C1", "b"), None, ln)],
         fnd, {"C1": "broken", "C2": "open"},
         note="C1's end b counts as mated (§4). §6: long-unbalanced-run with no input names the run's last cable. Decided by the team: §6's 'checks that need a signal to arrive do not pile further findings onto' an open end covers the -long variant")
XLR_FF = straight("XLR female to female", "xlr3", "female", "female")
plan("xlr-socket-end-on-combo", "The female end of an XLR cable pushed at a combo socket",
     T(m=SM58, s2i2=SCARLETT), T(c=XLR_FF),
     [D("m", "m"), D("if", "s2i2")],
     [C("C1", "c", d_end("m", "out"), d_end("if", "in1"), 3)],
     [F("gender-mismatch", "error", "C1", "if", "in1")], {},
     note="§6 gender-mismatch: an XLR socket on a combo socket. Naming not fixed by §6")
TS35_IN = dev("Practice amp, 3.5 mm mono TS aux in", "amplifiers", False, [
    port("aux", "in", "ts-3.5", "female", TS, level="line_consumer")])
plan("trrs-plug-into-ts-socket", "EarPods-style TRRS plug into a mono TS 3.5 mm socket",
     T(ep=EARPODS, amp=TS35_IN), T(),
     [D("ep", "ep"), D("amp", "amp")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("ep", "plug"), "b": d_end("amp", "aux")}}],
     [F("connector-mismatch", "error", "D1", "ep", "plug")], {},
     note="§2: TRRS plug into TS socket is not in the mates table: 'Anything else does not mate'. Naming not fixed")
HS_TO_TS = cable("TRRS socket to TS plug (headset mic to TS)", [("a", "trrs-3.5", "female"), ("b", "ts-6.35", "male")],
                 [["a.sleeve", "b.tip"], (["a.ring2", "b.sleeve"], {"shield": True})])
plan("headset-mic-into-line-input", "CTIA headset's mic, via a TRRS-to-TS lead, into a line input",
     T(ep=EARPODS, spk=POWERED_TS), T(c=HS_TO_TS),
     [D("ep", "ep"), D("spk", "spk")],
     [C("C1", "c", d_end("ep", "plug"), d_end("spk", "in"), 2)],
     [F("level-mic-into-line", "warning", "C1", "spk", "in")], {"C1": "unbalanced"},
     note="§3 per-role levels: mic role is mic level whatever its port's level (headphone)")


plan("long-run-into-wall-plate", "Keyboard on 8 m of TS into a wall plate, 1 m from the plate to the amp",
     T(kb=NORD, plate=PLATE, amp=KC220), T(ts=TSC),
     [D("kb", "kb"), D("plate", "plate"), D("amp", "amp")],
     [C("C1", "ts", d_end("kb", "out"), d_end("plate", "a"), 8),
      C("C2", "ts", d_end("plate", "b"), d_end("amp", "in"), 1)],
     [F("long-unbalanced-run", "warning", "C1")], {"C1": "unbalanced", "C2": "unbalanced"},
     note="runs never continue through a device; C1's run has no input: §6 names the run's last cable")


RCA_XLR_QUESTED = cable("RCA to XLR male, pin to 2, shell to 3, pin 1 not connected at the source",
                        [("a", "rca", "male"), ("b", "xlr3", "male")],
                        [(["a.pin", "b.2"], {"pair": 1}), (["a.shield", "b.3"], {"pair": 1})],
                        balanced=True)
RCA_XLR_CHEAP = cable("RCA to XLR male, shell to 1 and 3", [("a", "rca", "male"), ("b", "xlr3", "male")],
                      [["a.pin", "b.2"], (["a.shield", "b.1", "b.3"], {"shield": True})])
DESK_XLR_LINE_E = DESK_XLR_LINE
CD_PRO = dev("Denon DN-C635 CD player, +4 RCA (class I)", "players", True, [
    port("out_l", "out", "rca", "female", RCA, level="line_pro")])
for nm, cab, fnd in (("quasi-balanced-rca-to-xlr-earthed-both", RCA_XLR_QUESTED,
                      [F("unbalanced-source", "info", "C1", "cd", "out_l")]),
                     ("cheap-rca-to-xlr-earthed-both", RCA_XLR_CHEAP,
                      [F("unbalanced-source", "info", "C1", "cd", "out_l"),
                       F("ground-loop-risk", "warning", "C1", "desk", "line")])):
    plan(nm, "Earthed CD player RCA out into an earthed desk's XLR line input",
         T(cd=CD_PRO, desk=DESK_XLR_LINE), T(c=cab),
         [D("cd", "cd"), D("desk", "desk")],
         [C("C1", "c", d_end("cd", "out_l"), d_end("desk", "line"), 3)],
         fnd, {"C1": "unbalanced"},
         note="Quested/Rane wiring: the source ground rides the cold conductor, pin 1 not carried: no reference path, no loop")
HE2 = dev("Line isolator with ground-lift (transformer, TS)", "transformers", False, [
    port("in", "passive", "ts-6.35", "female", TS), port("out", "passive", "ts-6.35", "female", TS)],
    ground_lift=True,
    bridges=[{"join": ["in.sleeve", "out.sleeve"], "lift": True}],
    couplings=[{"from": "in", "to": "out", "kind": "transformer"}])
for lift, nm, fnd in ((True, "line-isolator-lift-on", []),
                      (False, "line-isolator-lift-off", [F("ground-loop-risk", "warning", "C1", "iso", "in"),
                                                         F("ground-loop-risk", "warning", "C2", "amp", "in")])):
    plan(nm, "Earthed synth -> TS -> line isolator -> TS -> earthed amp, isolator lift " + ("on" if lift else "off"),
         T(syn=SYN_EARTH, iso=HE2, amp=AMP_TS_EARTH), T(ts=TSC),
         [D("syn", "syn"), D("iso", "iso", ground_lift_on=lift), D("amp", "amp")],
         [C("C1", "ts", d_end("syn", "out"), d_end("iso", "in"), 2),
          C("C2", "ts", d_end("iso", "out"), d_end("amp", "in"), 2)],
         fnd, {"C1": "unbalanced", "C2": "unbalanced"},
         note="ground crosses a transformer only through its own (lift) bridge; C1's receiving end is the passive iso.in")


plan("ground-loop-two-unbalanced-via-unearthed-mixer", "Earthed synth TS into an unearthed mixer; mixer aux on TS to an earthed amp",
     T(syn=SYN_EARTH, mx=MACKIE802, amp=AMP_TS_EARTH), T(ts=TSC),
     [D("syn", "syn"), D("mx", "mx"), D("amp", "amp")],
     [C("C1", "ts", d_end("syn", "out"), d_end("mx", "line5"), 3),
      C("C2", "ts", d_end("mx", "aux1"), d_end("amp", "in"), 3)],
     [F("ground-loop-risk", "warning", "C1", "mx", "line5"), F("unbalanced-source", "info", "C1", "syn", "out"),
      F("ground-loop-risk", "warning", "C2", "amp", "in")],
     {"C1": "unbalanced", "C2": "unbalanced"})
plan("aes3-30m-into-spdif-adapter", "AES3 on 30 m of XLR, XLR-to-RCA adapter on its end into S/PDIF coax",
     T(au=AURORA, avr=AVR), T(xlr=XLR, ad=AES_RCA_M),
     [D("au", "au"), D("avr", "avr")],
     [C("C1", "xlr", d_end("au", "aes"), None, 30), C("A1", "ad", c_end("C1", "b"), d_end("avr", "coax"))],
     [F("digital-format-adapted", "warning", "A1", "avr", "coax")], {"C1": "digital", "A1": "digital"},
     note="§4: a run's limit is that of the signal its source carries (AES3 100 m)")
plan("spdif-15m-into-aes3-adapter", "S/PDIF on 15 m of RCA coax into an RCA-to-XLR adapter on an AES3 input",
     T(cd=CD_SPDIF_AES, conv=AES_IN_DEV), T(rca=RCAC, ad=RCAF_XLRM),
     [D("cd", "cd"), D("conv", "conv")],
     [C("C1", "rca", d_end("cd", "coax"), c_end("A1", "a"), 15), C("A1", "ad", None, d_end("conv", "aes"))],
     [F("digital-format-adapted", "warning", "A1", "conv", "aes"), F("cable-too-long", "warning", "A1")],
     {"C1": "digital", "A1": "digital"},
     note="run C1+A1 = 15 m of S/PDIF (limit 10 m); the run's cable that plugs into the input is A1")


XLRF_TS_HOTONLY = cable("XLR female to TS, only pin 2 to tip", [("a", "xlr3", "female"), ("b", "ts-6.35", "male")],
                        [["a.2", "b.tip"]])
plan("balanced-out-hot-only-into-ts", "Active-balanced XLR out, only pin 2 wired, into a TS input",
     T(d=XLR_OUT_DEV, amp=TS_AMP_LINE), T(c=XLRF_TS_HOTONLY),
     [D("d", "d"), D("amp", "amp")],
     [C("C1", "c", d_end("d", "out"), d_end("amp", "in"), 3)],
     [F("reference-missing", "error", "C1", "amp", "in")], {"C1": "unbalanced"})


TS_TO_TRRS = cable("TS plug to TRRS plug (CTIA mic)", [("a", "ts-6.35", "male"), ("b", "trrs-3.5", "male")],
                   [["a.tip", "b.sleeve"], (["a.sleeve", "b.ring2"], {"shield": True})])
MIX_AUX_TS = dev("Mixer aux out, TS (not earthed)", "mixers", False, [
    port("aux", "out", "ts-6.35", "female", TS, level="line_pro")])
plan("mixer-line-into-phone-mic", "Mixer aux (line) on a TS-to-TRRS lead into a CTIA phone's mic contact",
     T(mx=MIX_AUX_TS, ph=CTIA_PHONE), T(c=TS_TO_TRRS),
     [D("mx", "mx"), D("ph", "ph")],
     [C("C1", "c", d_end("mx", "aux"), d_end("ph", "hs"), 2)],
     [F("level-line-into-mic", "warning", "C1", "ph", "hs")], {"C1": "unbalanced"},
     note="§3: the mic role of an out port is an input, at mic level whatever the port's level")

# ---------------------------------------------------------------- load errors
plan("load-error-direct-between-two-plugs", "A direct connection between two plugs",
     T(hp=DT770, hp2=DT770), T(),
     [D("h1", "hp"), D("h2", "hp")],
     [{"id": "D1", "type": "direct", "ends": {"a": d_end("h1", "plug"), "b": d_end("h2", "plug")}}],
     [], {}, load_error=True)
plan("load-error-two-plugs-on-one-cable-end", "Two cables plugged into the same cable end",
     T(kb=NORD, amp=KC220), T(ext=TS_EXT, ts=TSC),
     [D("kb", "kb"), D("amp", "amp")],
     [C("C1", "ext", d_end("kb", "out"), None, 2),
      C("C2", "ts", c_end("C1", "b"), d_end("amp", "in"), 2),
      C("C3", "ts", c_end("C1", "b"), None, 2)],
     [], {}, load_error=True)

if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plans")
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))
    write_all(out)
    print(len(PLANS), "plans written to", out)
