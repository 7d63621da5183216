"""Inline SVG bar charts drawn from figures, for the HTML report: no script, no external resource;
every label is escaped. One chart = rows of horizontal bars, one bar per series, with optional
95% interval whiskers."""
from __future__ import annotations

from html import escape
from typing import Optional, Sequence

PALETTE = ("#2f6f8f", "#d9822b", "#6a9f3a", "#8c5fa8", "#b84a4a")
LABEL_W, BAR_H, GAP, ROW_GAP, VALUE_W, WIDTH = 300, 16, 3, 10, 110, 900

Interval = Optional[tuple[float, float]]


def _fmt(v: float) -> str:
    return f"{v:,.1f}" if abs(v) >= 100 else f"{v:,.3f}"


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence[Optional[float]]]], series: Sequence[str],
              unit: str = "t CO2e", intervals: Optional[Sequence[Sequence[Interval]]] = None) -> str:
    """Horizontal bars: `rows` = (label, one value per series; None draws no bar); `intervals`, when
    given, = per row, per series, (low, high) or None."""
    n = max(1, len(series))
    top = 34 + (18 if n > 1 else 0)
    row_h = n * (BAR_H + GAP) + ROW_GAP
    height = top + len(rows) * row_h + 24
    highs = [v for _, vs in rows for v in vs if v is not None]
    for per_row in intervals or []:
        highs += [iv[1] for iv in per_row if iv is not None]
    vmax = max([h for h in highs if h > 0] or [1.0])
    plot_w = WIDTH - LABEL_W - VALUE_W

    def x(v: float) -> float:
        return LABEL_W + max(0.0, v) / vmax * plot_w

    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
           f'width="100%" role="img" aria-label="{escape(title)}">',
           f"<title>{escape(title)}</title>",
           f'<text x="0" y="18" class="chart-title">{escape(title)} ({escape(unit)})</text>']
    if n > 1:
        lx = LABEL_W
        for i, name in enumerate(series):
            out.append(f'<rect x="{lx}" y="30" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>'
                       f'<text x="{lx + 16}" y="40" class="legend">{escape(name)}</text>')
            lx += 24 + 8 * len(name)
    y = top
    for r, (label, values) in enumerate(rows):
        out.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H - 3}" text-anchor="end" class="label">{escape(label)}</text>')
        for i, v in enumerate(values):
            by = y + i * (BAR_H + GAP)
            color = PALETTE[i % len(PALETTE)]
            if v is None:
                out.append(f'<text x="{LABEL_W + 4}" y="{by + BAR_H - 3}" class="value">not given</text>')
                continue
            out.append(f'<rect x="{LABEL_W}" y="{by}" width="{x(v) - LABEL_W:.1f}" height="{BAR_H}" fill="{color}"/>')
            iv = intervals[r][i] if intervals and r < len(intervals) and i < len(intervals[r]) else None
            end = x(v)
            if iv is not None:
                lo, hi = x(iv[0]), x(iv[1])
                mid = by + BAR_H / 2
                out.append(f'<path d="M{lo:.1f} {mid} H{hi:.1f} M{lo:.1f} {by + 2} V{by + BAR_H - 2} '
                           f'M{hi:.1f} {by + 2} V{by + BAR_H - 2}" stroke="#222" stroke-width="1.5" fill="none"/>')
                end = max(end, hi)
            out.append(f'<text x="{end + 6:.1f}" y="{by + BAR_H - 3}" class="value">{escape(_fmt(v))}</text>')
        y += row_h
    out.append(f'<line x1="{LABEL_W}" y1="{top - 4}" x2="{LABEL_W}" y2="{y}" stroke="#555"/>')
    out.append("</svg>")
    return "\n".join(out)
