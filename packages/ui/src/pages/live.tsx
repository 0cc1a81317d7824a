// Live tail of the global log over SSE, with filters, pause and resume.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { EventListHeader, EventRow } from '../components/event-row.js';
import { Empty, PageHeader } from '../components/status.js';
import { formatInt, formatRate, splitList } from '../lib/format.js';
import { BUFFER_LIMIT, DISPLAY_LIMIT, type TailFilter, useLiveTail } from '../lib/live-tail.js';
import { href, navigate } from '../lib/router.js';

interface Props {
  types: string;
  categories: string;
  prefix: string;
}

const statusText = { connecting: 'Connecting', open: 'Live', reconnecting: 'Reconnecting', closed: 'Stopped' } as const;

export function LivePage({ types, categories, prefix }: Props) {
  const [form, setForm] = useState({ types, categories, prefix });
  const [from, setFrom] = useState<'end' | 'start'>('end');
  const [paused, setPaused] = useState(false);
  useEffect(() => setForm({ types, categories, prefix }), [types, categories, prefix]);
  const filter: TailFilter = useMemo(
    () => ({ types: splitList(types), categories: splitList(categories), prefix, from }),
    [types, categories, prefix, from],
  );
  const tail = useLiveTail(filter, paused);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (e.key === ' ' && tag !== 'INPUT' && tag !== 'BUTTON' && tag !== 'SELECT' && tag !== 'A') {
        e.preventDefault();
        setPaused((p) => !p);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const apply = (e: Event) => {
    e.preventDefault();
    navigate(href.live(form), true);
  };
  const state = paused ? 'paused' : tail.status;

  return (
    <section>
      <PageHeader title="Live tail" sub="Every event appended to the log, as it happens. Space pauses and resumes.">
        <span class={`live-status live-${state}`} data-testid="live-status" role="status">
          <span class="live-dot" aria-hidden="true" />
          {paused ? 'Paused' : statusText[tail.status]}
          {!paused && tail.status === 'open' && <span class="muted"> · {formatRate(tail.rate)}</span>}
        </span>
        <button
          type="button"
          class={`btn ${paused ? 'btn-primary' : ''}`}
          onClick={() => setPaused(!paused)}
          aria-pressed={paused}
          data-testid="pause"
        >
          {paused ? `Resume${tail.buffered ? ` (${formatInt(tail.buffered)} waiting)` : ''}` : 'Pause'}
        </button>
      </PageHeader>
      <form class="filters" onSubmit={apply} aria-label="Live tail filters">
        <label>
          <span>Types</span>
          <input
            name="types"
            placeholder="Deposited, Withdrawn"
            value={form.types}
            onInput={(e) => setForm({ ...form, types: e.currentTarget.value })}
          />
        </label>
        <label>
          <span>Categories</span>
          <input
            name="categories"
            placeholder="account, transfer"
            value={form.categories}
            onInput={(e) => setForm({ ...form, categories: e.currentTarget.value })}
          />
        </label>
        <label>
          <span>Stream prefix</span>
          <input
            name="prefix"
            placeholder="account-42"
            value={form.prefix}
            onInput={(e) => setForm({ ...form, prefix: e.currentTarget.value })}
          />
        </label>
        <label>
          <span>From</span>
          <select value={from} onChange={(e) => setFrom(e.currentTarget.value as 'end' | 'start')}>
            <option value="end">Now</option>
            <option value="start">Start of the log</option>
          </select>
        </label>
        <button type="submit" class="btn btn-primary">
          Apply
        </button>
      </form>
      {tail.error && (
        <div class="notice notice-error" role="alert">
          {tail.error}
        </div>
      )}
      {tail.held && (
        <div class="notice">
          {formatInt(BUFFER_LIMIT)} events are waiting, so reading has stopped. Resume to continue right after them: nothing is
          skipped.
        </div>
      )}
      <p class="muted small" data-testid="live-counts">
        {formatInt(tail.received)} received
        {tail.received > DISPLAY_LIMIT ? ` · showing the newest ${formatInt(DISPLAY_LIMIT)}` : ''}
      </p>
      {tail.events.length === 0 ? (
        <Empty>
          Waiting for events{filter.types.length || filter.categories.length || prefix ? ' matching the filters' : ''}…
        </Empty>
      ) : (
        <div class="event-list-wrap">
          <EventListHeader showStream showPosition />
          <ol class="event-list event-list-live" data-testid="live-events" aria-live="off">
            {tail.events.map((ev) => (
              <EventRow key={ev.id} event={ev} showStream showPosition />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
