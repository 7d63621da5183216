"""The HTML report of the Lyon example in headless Chromium (Debian's chromium package, installed by
tools/bootstrap.sh): the page renders with no console message, and its screenshot (kept under
$GHGKIT_ARTIFACTS for CI) is not blank and shows the charts' bar colours.

How the console is checked: Chromium run with `--enable-logging=stderr --v=0` writes every message
of the page's console (console.error, uncaught exceptions, parse and security errors) to stderr as
a line holding ':CONSOLE'. The report has no script, so any such line is a failure. A control page
with a deliberate console.error and an uncaught exception goes through the same harness first, so
the check cannot pass by seeing nothing. Network loads are ruled out by test_reports.py (the page
holds no src=, <link>, url() or @import)."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections import Counter
from pathlib import Path

import pytest

import ghgkit
from ghgkit import reports
from ghgkit.reports.svg import PALETTE

from conftest import REPO

LYON = REPO / "examples" / "lyon" / "inventory.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (tools/bootstrap.sh installs it)")


def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("GHGKIT_ARTIFACTS") or tmp_path / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def chromium(page: Path, screenshot: Path) -> list[str]:
    """Render `page` headless into `screenshot`; return the console lines Chromium logged."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={profile}",
             "--enable-logging=stderr", "--v=0", "--hide-scrollbars", f"--screenshot={screenshot}",
             "--window-size=1280,2400", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def read_png(path: Path) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, raw pixels) of an 8-bit RGB or RGBA non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert header is not None
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, header
    bpp = 3 if color == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    out, prev = bytearray(), bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        out += line
        prev = line
    return width, height, bpp, bytes(out)


def colour_counts(png: Path, colours: list[tuple[int, int, int]]) -> tuple[float, dict[tuple[int, int, int], int]]:
    """The variance of the grey level over every pixel, and how many pixels have each colour."""
    width, height, bpp, pixels = read_png(png)
    histogram = Counter(zip(pixels[0::bpp], pixels[1::bpp], pixels[2::bpp]))
    n = width * height
    mean = sum(sum(rgb) / 3 * k for rgb, k in histogram.items()) / n
    variance = sum((sum(rgb) / 3 - mean) ** 2 * k for rgb, k in histogram.items()) / n
    return variance, {c: histogram.get(c, 0) for c in colours}


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_the_console_check_sees_a_broken_page(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><p>control</p><script>console.error('control-error');"
                    "notDefined();</script></body></html>", encoding="utf-8")
    lines = chromium(page, tmp_path / "broken.png")
    assert any("control-error" in line for line in lines), lines
    assert any("Uncaught ReferenceError" in line for line in lines), lines


def test_lyon_html_renders_without_console_message_and_shows_the_charts(tmp_path):
    folder = artifacts(tmp_path)
    result = ghgkit.Inventory.load(str(LYON)).compute()
    page = reports.render(result, ["html"], folder)["html"]
    screenshot = folder / "report-lyon.png"
    console = chromium(page, screenshot)
    assert console == []
    assert screenshot.stat().st_size > 10_000
    blue, orange = hex_rgb(PALETTE[0]), hex_rgb(PALETTE[1])
    variance, counts = colour_counts(screenshot, [blue, orange, (255, 255, 255)])
    assert variance > 100.0, variance  # a blank page has variance 0
    # The bars: the first series' blue (scopes, categories, uncertainty) and the market-based orange.
    assert counts[blue] > 5_000, counts
    assert counts[orange] > 500, counts
    assert counts[(255, 255, 255)] > 0.3 * 1280 * 2400  # a white page with content, not a dark error page
