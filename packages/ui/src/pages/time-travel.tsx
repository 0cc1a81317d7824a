// Time travel: a slider over a stream's revisions and a date-time picker, showing the state (or events) at that point.
import type { StreamStatesPage } from '@logbook/client';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { EventRow } from '../components/event-row.js';
import { JsonView } from '../components/json-view.js';
import { Empty, ErrorBox, PageHeader, Spinner } from '../components/status.js';
import { Time } from '../components/time.js';
import { client, errorMessage, isNotFound, useLoad } from '../lib/api.js';
import { formatInt, toLocalInput } from '../lib/format.js';
import { describeDiff, diffJson } from '../lib/json-diff.js';
import { href, navigate } from '../lib/router.js';

const WINDOW = 10;

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

function StateAt({ page, revision }: { page: StreamStatesPage; revision: number }) {
  const items = page.items;
  const current = items.find((i) => i.event.revision === revision);
  const previous = items.find((i) => i.event.revision === revision - 1);
  // Before the first event there is no state yet: compare with an empty object so every field reads as added.
  const before = previous?.state ?? (revision === 0 && isObject(current?.state) ? {} : undefined);
  const diff = useMemo(() => (current && 'state' in current ? diffJson(before, current.state) : undefined), [current, before]);
  if (!current) return <Spinner />;
  const upTo = [...items].filter((i) => i.event.revision <= revision).reverse();
  return (
    <div class="travel-body">
      {page.view !== null && 'state' in current ? (
        <div class="card">
          <h2>
            State after #{formatInt(revision)} <span class="muted small">view “{page.view}”</span>
          </h2>
          <p class="diff-summary" data-testid="diff-summary">
            <span class="type-pill">{current.event.type}</span> {diff ? describeDiff(diff, before, current.state) : ''}
          </p>
          <JsonView value={current.state} diff={diff} before={before} label="State" />
        </div>
      ) : (
        <div class="card">
          <h2>What #{formatInt(revision)} recorded</h2>
          <p class="muted small">The server knows no view for this stream's category, so here are its events up to this point.</p>
          <JsonView value={current.event.data} label="Data" />
        </div>
      )}
      <div class="card">
        <h2>Events up to this point</h2>
        <ol class="event-list" data-testid="travel-events">
          {upTo.map((i) => (
            <EventRow key={i.event.id} event={i.event} highlight={i.event.revision === revision} />
          ))}
        </ol>
        {upTo.length > 0 && upTo[upTo.length - 1]!.event.revision > 0 && (
          <a class="small" href={href.stream(page.streamId, { dir: 'backward', from: String(revision) })}>
            All earlier events →
          </a>
        )}
      </div>
    </div>
  );
}

export function TimeTravelPage({ streamId, revision }: { streamId: string; revision: string }) {
  const head = useLoad((signal) => client.readStream(streamId, { direction: 'backward', limit: 1, signal }), [streamId]);
  const last = head.data?.events[0];
  const requested = revision === '' ? undefined : Number(revision);
  const target = last ? Math.min(Math.max(0, requested ?? last.revision), last.revision) : undefined;
  const [slider, setSlider] = useState<number | undefined>(target);
  const [rev, setRev] = useState<number | undefined>(target);
  const [playing, setPlaying] = useState(false);
  const [atError, setAtError] = useState<string>('');

  useEffect(() => {
    setSlider(target);
    setRev(target);
  }, [target]);

  // The slider moves freely; fetching waits for it to rest so dragging across 100k revisions stays smooth.
  useEffect(() => {
    if (slider === undefined || slider === rev) return;
    const t = setTimeout(() => {
      setRev(slider);
      navigate(href.travel(streamId, String(slider)), true);
    }, 120);
    return () => clearTimeout(t);
  }, [slider, rev, streamId]);

  useEffect(() => {
    if (!playing || !last) return;
    const t = setInterval(() => {
      setSlider((s) => {
        const n = (s ?? 0) + 1;
        if (n > last.revision) setPlaying(false);
        return Math.min(n, last.revision);
      });
    }, 700);
    return () => clearInterval(t);
  }, [playing, last]);

  const page = useLoad(
    async (signal) => {
      if (rev === undefined) return undefined;
      const from = Math.max(0, rev - WINDOW + 1);
      return client.streamStates(streamId, { from, limit: rev - from + 1, signal });
    },
    [streamId, rev],
  );

  const onPickTime = async (value: string) => {
    setAtError('');
    if (!value) return;
    try {
      // The picker has whole seconds: the chosen second counts in full.
      const at = new Date(new Date(value).getTime() + 999);
      const res = await client.streamStates(streamId, { at: at.toISOString(), limit: 1 });
      const r = res.at?.revision;
      if (r === null || r === undefined) setAtError('The stream had no event yet at that time.');
      else setSlider(r);
    } catch (e) {
      setAtError(errorMessage(e));
    }
  };

  if (head.error !== undefined) {
    if (isNotFound(head.error)) return <Empty>Stream “{streamId}” does not exist.</Empty>;
    return <ErrorBox error={head.error} onRetry={head.reload} />;
  }
  if (!last || slider === undefined) return <Spinner />;
  const shown = page.data?.items.find((i) => i.event.revision === slider)?.event;

  return (
    <section>
      <PageHeader title="Time travel" sub={<a href={href.stream(streamId)}>← {streamId}</a>} />
      <div class="card travel-controls">
        <div class="travel-readout">
          <span class="travel-rev mono" data-testid="travel-rev">
            #{formatInt(slider)}
          </span>
          <span class="muted">of {formatInt(last.revision)}</span>
          {shown && (
            <span class="muted">
              · <Time iso={shown.recordedAt} exact />
            </span>
          )}
        </div>
        <input
          type="range"
          class="slider"
          min={0}
          max={last.revision}
          step={1}
          value={slider}
          aria-label="Revision"
          aria-valuetext={`revision ${slider} of ${last.revision}`}
          onInput={(e) => setSlider(Number(e.currentTarget.value))}
        />
        <div class="travel-buttons">
          <button type="button" class="btn" onClick={() => setSlider(0)} disabled={slider === 0} aria-label="First revision">
            First
          </button>
          <button type="button" class="btn" onClick={() => setSlider(Math.max(0, slider - 1))} disabled={slider === 0}>
            ← Previous
          </button>
          <button type="button" class="btn" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
            {playing ? 'Pause' : 'Play'}
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => setSlider(Math.min(last.revision, slider + 1))}
            disabled={slider === last.revision}
          >
            Next →
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => setSlider(last.revision)}
            disabled={slider === last.revision}
            aria-label="Latest revision"
          >
            Latest
          </button>
          <label class="travel-at">
            <span>As of</span>
            <input
              type="datetime-local"
              data-testid="travel-at"
              step={1}
              value={shown ? toLocalInput(shown.recordedAt) : ''}
              onChange={(e) => onPickTime(e.currentTarget.value)}
            />
          </label>
        </div>
        {atError && (
          <p class="notice" role="status" data-testid="travel-at-error">
            {atError}
          </p>
        )}
      </div>
      {page.error !== undefined && <ErrorBox error={page.error} onRetry={page.reload} />}
      {page.data && rev !== undefined && <StateAt page={page.data} revision={rev} />}
      {!page.data && page.loading && <Spinner />}
    </section>
  );
}
