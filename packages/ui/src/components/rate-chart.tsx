// A small hand-drawn SVG area chart of events appended per second, one point per sample bucket.
import { useState } from 'preact/hooks';
import { formatRate } from '../lib/format.js';

export interface RatePoint {
  at: number;
  perSecond: number;
}

const W = 640;
const H = 180;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * exp) return m * exp;
  return 10 * exp;
}

function clock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function RateChart({ points }: { points: RatePoint[] }) {
  const [hover, setHover] = useState<number | null>(null);
  if (points.length < 2) return <div class="chart-empty muted">Collecting samples…</div>;
  const t0 = points[0]!.at;
  const t1 = points[points.length - 1]!.at;
  const max = niceMax(Math.max(...points.map((p) => p.perSecond)));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * iw;
  const y = (v: number) => PAD.top + ih - (v / max) * ih;
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.perSecond).toFixed(1)}`).join(' ');
  const area = `${line} L${x(t1).toFixed(1)},${y(0)} L${x(t0).toFixed(1)},${y(0)} Z`;
  const peak = Math.max(...points.map((p) => p.perSecond));
  const avg = points.reduce((s, p) => s + p.perSecond, 0) / points.length;
  const ticks = [0, 0.5, 1].map((f) => f * max);
  const xTicks = [t0, t0 + (t1 - t0) / 2, t1];
  const hovered = hover === null ? undefined : points[hover];

  const onMove = (e: MouseEvent) => {
    const svg = e.currentTarget as SVGSVGElement;
    const r = svg.getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * W;
    const t = t0 + ((px - PAD.left) / iw) * (t1 - t0);
    let best = 0;
    points.forEach((p, i) => {
      if (Math.abs(p.at - t) < Math.abs(points[best]!.at - t)) best = i;
    });
    setHover(best);
  };

  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Append rate over the last ${Math.round((t1 - t0) / 60000)} minutes: average ${formatRate(avg)}, peak ${formatRate(peak)}`}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      >
        <defs>
          <linearGradient id="rate-fill" x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stop-color="var(--accent)" stop-opacity="0.35" />
            <stop offset="100%" stop-color="var(--accent)" stop-opacity="0.02" />
          </linearGradient>
        </defs>
        {ticks.map((v) => (
          <g key={v}>
            <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text class="axis" x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {formatRate(v)}
            </text>
          </g>
        ))}
        {xTicks.map((t, i) => (
          <text key={t} class="axis" x={x(t)} y={H - 6} text-anchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
            {clock(t)}
          </text>
        ))}
        <path d={area} fill="url(#rate-fill)" />
        <path d={line} class="chart-line" />
        {hovered && (
          <g>
            <line class="cursor" x1={x(hovered.at)} x2={x(hovered.at)} y1={PAD.top} y2={PAD.top + ih} />
            <circle cx={x(hovered.at)} cy={y(hovered.perSecond)} r="4" class="chart-dot" />
          </g>
        )}
      </svg>
      <figcaption class="chart-caption">
        {hovered ? (
          <span>
            {clock(hovered.at)} · <strong>{formatRate(hovered.perSecond)}</strong>
          </span>
        ) : (
          <span>
            avg <strong>{formatRate(avg)}</strong> · peak <strong>{formatRate(peak)}</strong>
          </span>
        )}
      </figcaption>
    </figure>
  );
}
