#!/usr/bin/env python3
"""Writes one chart of a nicsim report.html (an embedded data:image/png) to a PNG file.

extract-chart.py REPORT.html "ALT TEXT" OUT.png   (the chart whose alt text is ALT TEXT, as the report shows it)
"""
import base64
import re
import sys


def main():
    html, alt, out = sys.argv[1:4]
    with open(html) as f:
        text = f.read()
    for m in re.finditer(r'<img[^>]*>', text):
        tag = m.group(0)
        if 'alt="%s"' % alt in tag:
            data = re.search(r'src="data:image/png;base64,([^"]+)"', tag).group(1)
            with open(out, "wb") as f:
                f.write(base64.b64decode(data))
            return
    sys.exit("no chart with alt text %r in %s" % (alt, html))


if __name__ == "__main__":
    main()
