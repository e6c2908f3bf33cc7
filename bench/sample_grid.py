#!/usr/bin/env python3
"""Side-by-side sample grids for the README's parity section: the first ROWS x COLS images of each uint8 .npy
(N, H, W) or (N, 1, H, W), one labelled panel per file, written as one PNG (benchmark only; needs Pillow).

  python3 bench/sample_grid.py OUT.png "reference"=ref/samples.npy "gen4j"=gen4j/samples.npy [--rows 6 --cols 8]
"""
import argparse

import numpy as np
from PIL import Image, ImageDraw


def panel(path, rows, cols, pad=2):
    a = np.load(path)
    if a.ndim == 4:
        a = a[:, 0]
    h, w = a.shape[1:]
    out = np.full((rows * (h + pad) + pad, cols * (w + pad) + pad), 255, np.uint8)
    for k in range(min(rows * cols, len(a))):
        r, c = divmod(k, cols)
        out[pad + r * (h + pad):pad + r * (h + pad) + h, pad + c * (w + pad):pad + c * (w + pad) + w] = a[k]
    return Image.fromarray(out).resize((out.shape[1] * 2, out.shape[0] * 2), Image.NEAREST)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("panels", nargs="+", help="LABEL=FILE.npy")
    ap.add_argument("--rows", type=int, default=6)
    ap.add_argument("--cols", type=int, default=8)
    a = ap.parse_args()
    imgs = [(p.split("=", 1)[0], panel(p.split("=", 1)[1], a.rows, a.cols)) for p in a.panels]
    gap, top = 16, 22
    width = sum(i.width for _, i in imgs) + gap * (len(imgs) - 1)
    canvas = Image.new("L", (width, max(i.height for _, i in imgs) + top), 255)
    draw = ImageDraw.Draw(canvas)
    x = 0
    for label, im in imgs:
        draw.text((x + 4, 4), label, fill=0)
        canvas.paste(im, (x, top))
        x += im.width + gap
    canvas.save(a.out, optimize=True)


if __name__ == "__main__":
    main()
