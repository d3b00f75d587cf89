/** The page's only stylesheet, inline; system fonts only (no network). */
export const HTML_STYLE = `
:root { color-scheme: light; --ink:#1d2330; --muted:#667085; --line:#e4e7ec; --bar:#3b82f6; --crit:#f59e0b;
  --bad:#dc2626; --block:#9333ea; --bg:#ffffff; --panel:#f8fafc; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .note, figcaption { color: var(--muted); }
figure { margin: 10px 0 18px; padding: 10px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; }
figcaption { margin-bottom: 6px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { color: var(--muted); font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .tick, svg text.note { fill: var(--muted); }
svg .name { fill: var(--ink); } svg .name.critical { font-weight: 700; }
svg .bar { fill: var(--bar); } svg .bar.critical { fill: var(--crit); }
svg .bar.background { fill: #93c5fd; opacity: .7; }
svg .bar.failed, svg .bar.timeout { fill: var(--bad); } svg .bar.block { fill: var(--block); }
svg .wall { stroke: var(--ink); stroke-dasharray: 4 3; }
svg .box { fill: #bfdbfe; stroke: var(--bar); } svg .whisker { stroke: var(--bar); }
svg .median { stroke: var(--ink); stroke-width: 2; } svg .max { fill: var(--bad); }
svg .trend { fill: none; stroke-width: 2; } svg .trend.p50 { stroke: var(--bar); } svg .trend.p95 { stroke: var(--crit); }
svg .point.p50, svg .legend.p50 { fill: var(--bar); } svg .point.p95, svg .legend.p95 { fill: var(--crit); }
.legend-row span { margin-right: 14px; } .sw { display: inline-block; width: 12px; height: 10px; margin-right: 4px; border-radius: 2px; }
`;
