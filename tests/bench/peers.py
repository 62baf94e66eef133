#!/usr/bin/env python3
# peers.py: Patchwise export side by side with the tools a user would pick
# instead, on the same geometry.
#
# pw-bench --peers-dir=DIR writes, for each plan size, the plan and its
# geometry (cards as boxes with their names, cables as lines between port
# anchors). This script writes that geometry
#   - as a Graphviz file with every node pinned (pos="x,y!") and every edge
#     given as its line, rendered by `neato -n2` (no layout, no routing);
#   - as a Dia diagram (boxes, texts, lines), rendered by `dia --export`;
# and times those against `patchwise export` of the plan, at the pixel size
# Patchwise's PNG has. Runs alternate between the tools; the median of each
# is reported with the ratio peer / Patchwise (above 1: Patchwise is faster).
# Patchwise draws more than the peers do (port glyphs, labels, link classes,
# badges, legend, title block; its PDF adds the cable schedule and pinout
# sheets), so the comparison is tilted towards the peers.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from xml.sax.saxutils import escape


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    return struct.unpack('>II', head[16:24])


def dot_quote(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def write_dot(geometry, path, width_px):
    bx, by, bw, bh = geometry['bounds']
    dpi = 72.0 * width_px / bw
    with open(path, 'w', encoding='utf-8') as f:
        f.write('digraph plan {\n')
        # Graphviz's y axis points up; points are 1/72 inch. Units map to points.
        f.write(f'  graph [bb="0,0,{bw:.1f},{bh:.1f}", pad=0, dpi={dpi:.4f}, '
                'outputorder=edgesfirst];\n')
        f.write('  node [shape=box, style=rounded, fixedsize=true, fontname="DejaVu Sans", '
                'fontsize=10.5];\n')
        f.write('  edge [arrowhead=none];\n')
        for i, (x, y, w, h, name) in enumerate(geometry['cards']):
            cx, cy = x - bx + w / 2, bh - (y - by + h / 2)
            f.write(f'  n{i} [pos="{cx:.1f},{cy:.1f}!", width={w / 72:.3f}, '
                    f'height={h / 72:.3f}, label={dot_quote(name)}];\n')
        for x0, y0, x1, y1, label, a, b in geometry['lines']:
            p0 = (x0 - bx, bh - (y0 - by))
            p1 = (x1 - bx, bh - (y1 - by))
            # A straight B-spline: the end points and two control points on the line.
            c1 = (p0[0] + (p1[0] - p0[0]) / 3, p0[1] + (p1[1] - p0[1]) / 3)
            c2 = (p0[0] + 2 * (p1[0] - p0[0]) / 3, p0[1] + 2 * (p1[1] - p0[1]) / 3)
            pos = ' '.join(f'{px:.1f},{py:.1f}' for px, py in (p0, c1, c2, p1))
            f.write(f'  n{a} -> n{b} [pos="{pos}", label={dot_quote(label)}, '
                    f'lp="{(p0[0] + p1[0]) / 2:.1f},{(p0[1] + p1[1]) / 2:.1f}"];\n')
        f.write('}\n')


def write_dia(geometry, path):
    # Dia measures in centimetres; 20 units to the centimetre.
    k = 1 / 20.0
    bx, by = geometry['bounds'][0], geometry['bounds'][1]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<dia:diagram xmlns:dia="http://www.lysator.liu.se/~alla/dia/">',
           '<dia:layer name="Background" visible="true" active="true">']
    oid = 0
    for x0, y0, x1, y1, label, a, b in geometry['lines']:
        out.append(f'<dia:object type="Standard - Line" version="0" id="O{oid}">'
                   '<dia:attribute name="conn_endpoints">'
                   f'<dia:point val="{(x0 - bx) * k:.3f},{(y0 - by) * k:.3f}"/>'
                   f'<dia:point val="{(x1 - bx) * k:.3f},{(y1 - by) * k:.3f}"/>'
                   '</dia:attribute></dia:object>')
        oid += 1
    for x, y, w, h, name in geometry['cards']:
        out.append(f'<dia:object type="Standard - Box" version="0" id="O{oid}">'
                   f'<dia:attribute name="elem_corner"><dia:point val="{(x - bx) * k:.3f},'
                   f'{(y - by) * k:.3f}"/></dia:attribute>'
                   f'<dia:attribute name="elem_width"><dia:real val="{w * k:.3f}"/></dia:attribute>'
                   f'<dia:attribute name="elem_height"><dia:real val="{h * k:.3f}"/></dia:attribute>'
                   '<dia:attribute name="corner_radius"><dia:real val="0.25"/></dia:attribute>'
                   '</dia:object>')
        oid += 1
        out.append(f'<dia:object type="Standard - Text" version="1" id="O{oid}">'
                   '<dia:attribute name="text"><dia:composite type="text">'
                   f'<dia:attribute name="string"><dia:string>#{escape(name)}#</dia:string>'
                   '</dia:attribute>'
                   '<dia:attribute name="font"><dia:font family="sans" style="80" '
                   'name="Helvetica-Bold"/></dia:attribute>'
                   '<dia:attribute name="height"><dia:real val="0.5"/></dia:attribute>'
                   f'<dia:attribute name="pos"><dia:point val="{(x - bx + 10) * k:.3f},'
                   f'{(y - by + 18) * k:.3f}"/></dia:attribute>'
                   '<dia:attribute name="color"><dia:color val="#000000"/></dia:attribute>'
                   '<dia:attribute name="alignment"><dia:enum val="0"/></dia:attribute>'
                   '</dia:composite></dia:attribute></dia:object>')
        oid += 1
    out.append('</dia:layer></dia:diagram>')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))


def timed(argv, env=None):
    start = time.monotonic()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return (time.monotonic() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--dir', required=True, help='where pw-bench --peers-dir wrote')
    parser.add_argument('--patchwise', required=True, help='the patchwise executable')
    parser.add_argument('--sizes', default='2000')
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--json', help='write the results here')
    args = parser.parse_args()

    tools = {'neato': shutil.which('neato'), 'dia': shutil.which('dia')}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        print(f'peers: not installed, left out: {", ".join(missing)}', file=sys.stderr)

    env = dict(os.environ, SOURCE_DATE_EPOCH='1717200000')
    results = []
    for n in [int(s) for s in args.sizes.split(',')]:
        with open(os.path.join(args.dir, f'geometry-{n}.json'), encoding='utf-8') as f:
            geometry = json.load(f)
        work = tempfile.mkdtemp(prefix='pw-peers-')
        try:
            plan = geometry['plan']
            first_png = os.path.join(work, 'patchwise-size.png')
            subprocess.run([args.patchwise, 'export', plan, '-o', first_png], check=True, env=env)
            width, height = png_size(first_png)
            dot = os.path.join(work, 'plan.dot')
            dia = os.path.join(work, 'plan.dia')
            write_dot(geometry, dot, width)
            write_dia(geometry, dia)

            commands = {}
            for fmt in ('pdf', 'png'):
                commands[('patchwise', fmt)] = [args.patchwise, 'export', plan, '-o',
                                                os.path.join(work, f'pw.{fmt}')]
                if tools['neato']:
                    commands[('neato', fmt)] = [tools['neato'], '-n2', f'-T{fmt}', dot, '-o',
                                                os.path.join(work, f'gv.{fmt}')]
                if tools['dia']:
                    cmd = [tools['dia'], '-n', '-e', os.path.join(work, f'dia.{fmt}')]
                    if fmt == 'png':
                        cmd += ['-s', f'{width}x{height}']
                    commands[('dia', fmt)] = cmd + [dia]

            times = {key: [] for key in commands}
            # Alternate: every run goes through every tool once, in turn.
            for r in range(args.runs):
                for key, cmd in commands.items():
                    times[key].append(timed(cmd, env))

            entry = {'devices': len(geometry['cards']), 'lines': len(geometry['lines']),
                     'png_pixels': [width, height], 'runs': args.runs, 'ms': {}, 'ratio': {},
                     'sizes': {}}
            for key, samples in times.items():
                entry['ms'][f'{key[0]}_{key[1]}'] = round(statistics.median(samples), 1)
            for key in commands:
                out = commands[key][commands[key].index('-o') + 1] if '-o' in commands[key] \
                    else commands[key][commands[key].index('-e') + 1]
                if os.path.exists(out):
                    entry['sizes'][f'{key[0]}_{key[1]}'] = os.path.getsize(out)
                    if key[1] == 'png':
                        entry['sizes'][f'{key[0]}_png_pixels'] = list(png_size(out))
            for tool in ('neato', 'dia'):
                for fmt in ('pdf', 'png'):
                    if f'{tool}_{fmt}' in entry['ms']:
                        entry['ratio'][f'{tool}_{fmt}'] = round(
                            entry['ms'][f'{tool}_{fmt}'] / entry['ms'][f'patchwise_{fmt}'], 2)
            results.append(entry)

            print(f'\n{entry["devices"]} devices, {entry["lines"]} lines, PNG {width}×{height} px, '
                  f'median of {args.runs} alternating runs (ms):')
            print(f'  {"":10}{"PDF":>10}{"PNG":>10}   ratio peer/Patchwise (PDF, PNG)')
            for tool in ('patchwise', 'neato', 'dia'):
                if f'{tool}_png' not in entry['ms']:
                    continue
                line = f'  {tool:10}{entry["ms"][f"{tool}_pdf"]:10.0f}{entry["ms"][f"{tool}_png"]:10.0f}'
                if tool != 'patchwise':
                    line += f'   {entry["ratio"][f"{tool}_pdf"]:.2f}, {entry["ratio"][f"{tool}_png"]:.2f}'
                print(line)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    if args.json:
        with open(args.json, 'w', encoding='utf-8') as f:
            json.dump({'results': results}, f, indent=2)
        print(f'\nResults written to {args.json}')


if __name__ == '__main__':
    main()
