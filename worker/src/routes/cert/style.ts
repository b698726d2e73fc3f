import { PALETTE } from "./chart.tsx";

// The dashboard's one stylesheet, served from /cert/assets/style.css (the CSP allows no inline
// style and nothing from elsewhere).
export const STYLE = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #5b6470; --line: #d8dde3; --accent: #0b5cad; --bad: #a61b1b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: #f6f7f9; }
header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1.2rem; background: #14304f; color: #fff; }
header a { color: #fff; }
header .who { margin-left: auto; display: flex; gap: .8rem; align-items: center; }
header form { margin: 0; }
main { max-width: 78rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
h1 { font-size: 1.35rem; margin: .4rem 0 1rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35rem .55rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #eef1f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.url { word-break: break-all; font-family: ui-monospace, monospace; font-size: .9em; }
.filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: 1rem; }
.filters label { display: flex; flex-direction: column; font-size: .85em; color: var(--muted); }
select, input, textarea, button { font: inherit; }
button { padding: .3rem .8rem; border: 1px solid #0a4d91; background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--bad); border-color: #7d1414; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.counts li { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: .25rem .6rem; }
.sev { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85em; border: 1px solid var(--line); }
.sev-critical { background: #a61b1b; color: #fff; } .sev-high { background: #e06c00; color: #fff; }
.sev-medium { background: #f3d36b; } .sev-low, .sev-info { background: #e6e9ed; }
.pager { display: flex; gap: 1rem; margin-top: .8rem; align-items: center; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
.actions form { margin: 0; }
.flash { background: #e5f3e8; border: 1px solid #a9d5b2; padding: .5rem .8rem; border-radius: 4px; }
.error { background: #fbe9e9; border: 1px solid #e5a5a5; padding: .5rem .8rem; border-radius: 4px; }
.login { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 1.5rem; border: 1px solid var(--line); border-radius: 6px; }
.login label { display: block; margin: .6rem 0; } .login input { width: 100%; padding: .35rem; }
svg.chart text { font-size: 11px; fill: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: .8rem; font-size: .85em; }
.legend span::before { content: ""; display: inline-block; width: .8em; height: .8em; margin-right: .3em; }
${PALETTE.map((c, i) => `.legend .c${i}::before { background: ${c}; }`).join("\n")}
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: 0; } dt { color: var(--muted); } dd { margin: 0; }
`;
