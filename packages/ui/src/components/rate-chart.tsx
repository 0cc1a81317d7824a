// A small hand-drawn SVG area chart of events appended per second, one point per sample bucket.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatRate } from '../lib/format.js';

export interface RatePoint {
  at: number;
  perSecond: number;
}

const H = 200;
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

/** The element's width in CSS pixels, so the chart draws 1 unit = 1 px and its labels stay readable on a phone. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(Math.round(entry.contentRect.width));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, width };
}

export function RateChart({ points }: { points: RatePoint[] }) {
  const [hover, setHover] = useState<number | null>(null);
  const { ref, width: W } = useWidth(640);
  if (points.length < 2) return <div class="chart-empty muted">Collecting samples…</div>;
  const t0 = points[0]!.at;
  const t1 = points[points.length - 1]!.at;
  const max = niceMax(Math.max(...points.map((p) => p.perSecond)));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + ih - (v / max) * ih;
  // One bar per bucket: bursts of appends read better as columns than as a thin line.
  const slot = iw / points.length;
  const barW = Math.max(1, slot - Math.min(2, slot * 0.25));
  const barX = (i: number) => PAD.left + i * slot + (slot - barW) / 2;
  const peak = Math.max(...points.map((p) => p.perSecond));
  const avg = points.reduce((s, p) => s + p.perSecond, 0) / points.length;
  const ticks = [0, 0.5, 1].map((f) => f * max);
  const xTicks = [0, Math.floor(points.length / 2), points.length - 1];
  const hovered = hover === null ? undefined : points[hover];

  const onMove = (e: MouseEvent) => {
    const svg = e.currentTarget as SVGSVGElement;
    const r = svg.getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * W;
    const i = Math.floor((px - PAD.left) / slot);
    setHover(i >= 0 && i < points.length ? i : null);
  };

  return (
    <figure class="chart" ref={ref}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Append rate over the last ${Math.round((t1 - t0) / 60000)} minutes: average ${formatRate(avg)}, peak ${formatRate(peak)}`}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text class="axis" x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {formatRate(v)}
            </text>
          </g>
        ))}
        {xTicks.map((idx, i) => (
          <text
            key={idx}
            class="axis"
            x={barX(idx) + barW / 2}
            y={H - 6}
            text-anchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}
          >
            {clock(points[idx]!.at)}
          </text>
        ))}
        {points.map((p, i) => {
          const h = Math.max(p.perSecond > 0 ? 1.5 : 0, y(0) - y(p.perSecond));
          return (
            <rect
              key={p.at}
              class={i === hover ? 'bar bar-hover' : 'bar'}
              x={barX(i)}
              y={y(0) - h}
              width={barW}
              height={h}
              rx={Math.min(2, barW / 3)}
            />
          );
        })}
        <line class="baseline" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
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
