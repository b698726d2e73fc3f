/** @jsxImportSource hono/jsx */
// Cases opened per week, stacked by their current status: a server-rendered SVG, no script.

export const PALETTE = [
  "#0b5cad",
  "#e06c00",
  "#2e8540",
  "#a61b1b",
  "#6f42c1",
  "#5b6470",
  "#b08900",
  "#17a2b8",
  "#8c564b",
];
const WEEK = 7 * 86_400_000;
const MONDAY = 4 * 86_400_000;

export function WeeklyChart(props: {
  data: { week: number; status: string; n: number }[];
  now: number;
  weeks: number;
}) {
  const thisWeek = Math.floor((props.now - MONDAY) / WEEK) * WEEK + MONDAY;
  const weeks = Array.from({ length: props.weeks }, (_, i) => thisWeek - (props.weeks - 1 - i) * WEEK);
  const statuses = [...new Set(props.data.map((d) => d.status))].sort();
  const color = (s: string) => PALETTE[statuses.indexOf(s) % PALETTE.length] ?? "#5b6470";
  const totals = weeks.map((w) => props.data.filter((d) => d.week === w).reduce((a, d) => a + d.n, 0));
  const max = Math.max(1, ...totals);
  const W = 640;
  const H = 180;
  const left = 30;
  const bottom = 22;
  const slot = (W - left) / weeks.length;
  const bar = Math.max(4, slot * 0.7);
  const scale = (H - bottom - 8) / max;
  return (
    <figure>
      <svg
        class="chart"
        role="img"
        aria-label="Cases opened per week by current status"
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        height={H}
      >
        <line x1={left} y1={H - bottom} x2={W} y2={H - bottom} stroke="#999" />
        <text x={left - 4} y={H - bottom} text-anchor="end">
          0
        </text>
        <text x={left - 4} y={12} text-anchor="end">
          {String(max)}
        </text>
        {weeks.map((w, i) => {
          let y = H - bottom;
          const x = left + i * slot + (slot - bar) / 2;
          return (
            <g>
              {statuses.map((s) => {
                const n = props.data.find((d) => d.week === w && d.status === s)?.n ?? 0;
                if (n === 0) return null;
                const h = n * scale;
                y -= h;
                return (
                  <rect
                    x={x}
                    y={y}
                    width={bar}
                    height={h}
                    fill={color(s)}
                    data-week={new Date(w).toISOString().slice(0, 10)}
                    data-status={s}
                    data-n={String(n)}
                  >
                    <title>{`${new Date(w).toISOString().slice(0, 10)}: ${n} ${s}`}</title>
                  </rect>
                );
              })}
              {i % 2 === 0 ? (
                <text x={x + bar / 2} y={H - 6} text-anchor="middle">
                  {new Date(w).toISOString().slice(5, 10)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {statuses.map((s) => (
          <span class={`c${statuses.indexOf(s) % PALETTE.length}`}>{s}</span>
        ))}
      </figcaption>
    </figure>
  );
}
