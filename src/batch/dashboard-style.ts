/**
 * The dashboard's stylesheet, inlined in the page: system fonts, a small palette whose text colours keep a
 * contrast of at least 4.5:1 on their backgrounds, a layout made for 1280px that still reflows when narrower,
 * and a print layout without the controls.
 */
export const DASHBOARD_CSS = `
:root {
  --ink: #1f2933; --muted: #4b5563; --line: #d8dee6; --paper: #ffffff; --page: #f4f6f9;
  --accent: #1d4ed8; --accent-soft: #dbe6fd; --good: #166534; --good-soft: #dcf3e4;
  --bad: #a61b1b; --bad-soft: #fbe3e3; --warn-soft: #fdf1d6;
}
* { box-sizing: border-box; }
html { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--page); }
body { margin: 0 auto; max-width: 1280px; padding: 24px 16px 40px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 0 0 12px; }
header p, .muted { color: var(--muted); margin: 0; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px;
  margin-top: 16px; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.pair > section { margin-top: 16px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 0;
  padding: 0; }
.stats div { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.stats dt { color: var(--muted); font-size: 0.85rem; }
.stats dd { margin: 2px 0 0; font-size: 1.4rem; font-weight: 650; }
.stats dd small { font-size: 0.85rem; font-weight: 400; color: var(--muted); }
.stats .bad dd { color: var(--bad); }
svg { display: block; width: 100%; height: auto; max-width: 640px; }
svg text { fill: var(--ink); font-size: 12px; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .bar { fill: var(--accent); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding-bottom: 8px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top;
  overflow-wrap: break-word; }
thead th { font-size: 0.85rem; background: var(--page); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.meter { height: 10px; min-width: 80px; background: var(--page); border-radius: 5px; overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--accent); }
.meter.bad span { background: var(--bad); }
.controls { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; margin-bottom: 10px; }
.controls label { display: flex; flex-direction: column; gap: 2px; font-size: 0.85rem; color: var(--muted); }
input, select { font: inherit; color: var(--ink); padding: 5px 8px; border: 1px solid #8a94a3;
  border-radius: 6px; background: var(--paper); min-width: 240px; }
.scroll { overflow-x: auto; }
#submissions th button { font: inherit; font-weight: 650; color: var(--ink); background: none; border: 0;
  padding: 0; cursor: pointer; text-align: inherit; white-space: normal; }
#submissions th small { display: block; font-weight: 400; color: var(--muted); }
#submissions { font-size: 0.9rem; }
#submissions th, #submissions td { padding: 5px 6px; }
#submissions td .error-text { display: inline-block; min-width: 13em; font-size: 0.8rem; }
#submissions td.date { white-space: nowrap; }
#submissions th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--accent); }
#submissions th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--accent); }
#submissions tbody tr:hover { background: #f8fafc; }
td.full { background: var(--good-soft); }
td.low { background: var(--bad-soft); }
td.part { background: var(--warn-soft); }
code { font: 0.85rem ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.badge { display: inline-block; font-size: 0.75rem; padding: 1px 7px; border-radius: 999px;
  border: 1px solid currentColor; white-space: nowrap; }
.badge.ok { color: var(--good); background: var(--good-soft); }
.badge.error { color: var(--bad); background: var(--bad-soft); }
.badge.reused { color: var(--accent); background: var(--accent-soft); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.error-text { color: var(--bad); overflow-wrap: anywhere; }
#most-failed td:first-child { overflow-wrap: anywhere; }
td.nowrap { white-space: nowrap; }
details { border: 1px solid var(--line); border-radius: 8px; margin-top: 8px; }
summary { cursor: pointer; padding: 8px 12px; }
summary strong { margin-left: 6px; }
.passages { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; padding: 0 12px 12px; }
.passages h3 { font-size: 0.85rem; color: var(--muted); margin: 6px 0 0; }
.passages pre { margin: 0; padding: 8px 10px; background: var(--page); border: 1px solid var(--line);
  border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere;
  font: 0.82rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
footer { margin-top: 20px; color: var(--muted); font-size: 0.85rem; }
@media print {
  html, body { background: #fff; }
  body { max-width: none; padding: 0; }
  .controls, #submissions th button::after { display: none; }
  section { break-inside: avoid; border: 0; padding: 8px 0; }
  #table-section { break-inside: auto; }
  tr { break-inside: avoid; }
  .scroll { overflow: visible; }
}
`;
