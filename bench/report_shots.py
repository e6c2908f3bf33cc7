#!/usr/bin/env python3
"""Pictures of sections of a compare report.html for the README (docs/images/compare-*.png).

For each picture: a copy of the report that shows only the named sections is rendered by headless
Chromium at 1280 px width, and the empty space below the content is cropped (PIL). Needs Debian's
chromium and /usr/bin/python3 with PIL; used for the README only, never by the tests.

  /usr/bin/python3 bench/report_shots.py bench/results/compare-10m-3seeds/report.html docs/images \
      top=overview,samples metrics=metrics claims=claims,decisions toy=toy
writes docs/images/compare-top.png, compare-metrics.png, compare-claims.png, compare-toy.png (the README's
four report pictures).
"""
import os
import subprocess
import sys
import tempfile

from PIL import Image

WIDTH = 1280
HEIGHT = 6000  # taller than any section group; the blank rest is cropped


def shot(report, sections, png):
    html = open(report, encoding="utf-8").read()
    style = "<style>section{display:none !important}" + "".join(
        f"section#{s}{{display:block !important}}" for s in sections) + "</style>"
    html = html.replace("</head>", style + "</head>", 1)
    # the copy sits beside the report so that its relative image paths resolve
    fd, tmp = tempfile.mkstemp(suffix=".html", dir=os.path.dirname(os.path.abspath(report)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(html)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={png}", "file://" + tmp],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        os.remove(tmp)
    img = Image.open(png).convert("RGB")
    bg = img.getpixel((WIDTH - 1, HEIGHT - 1))
    px = img.load()
    bottom = HEIGHT - 1
    while bottom > 0 and all(px[x, bottom] == bg for x in range(0, WIDTH, 4)):
        bottom -= 1
    cropped = img.crop((0, 0, WIDTH, min(HEIGHT, bottom + 24)))
    cropped.save(png)
    return cropped.size


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    report, out = sys.argv[1], sys.argv[2]
    for spec in sys.argv[3:]:
        name, _, secs = spec.partition("=")
        png = os.path.join(out, f"compare-{name}.png")
        w, h = shot(report, secs.split(","), png)
        print(f"{png}: {w}x{h}")


if __name__ == "__main__":
    main()
