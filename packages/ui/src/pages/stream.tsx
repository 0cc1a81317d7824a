// Stream: its events page by page, newest or oldest first, each expandable to its JSON.
import { useState } from 'preact/hooks';
import { EventListHeader, EventRow } from '../components/event-row.js';
import { CopyButton } from '../components/copy-button.js';
import { Empty, ErrorBox, PageHeader, Spinner } from '../components/status.js';
import { Time } from '../components/time.js';
import { client, isNotFound, useLoad } from '../lib/api.js';
import { categoryOf, formatInt } from '../lib/format.js';
import { href, navigate } from '../lib/router.js';

const PAGE = 100;

interface Props {
  streamId: string;
  direction: 'forward' | 'backward';
  from: string;
}

function StreamFacts({ streamId }: { streamId: string }) {
  const ends = useLoad(
    async (signal) => {
      const [last, first] = await Promise.all([
        client.readStream(streamId, { direction: 'backward', limit: 1, signal }),
        client.readStream(streamId, { direction: 'forward', limit: 1, signal }),
      ]);
      return { last: last.events[0], first: first.events[0] };
    },
    [streamId],
    5000,
  );
  const { last, first } = ends.data ?? {};
  if (!last) return null;
  return (
    <dl class="facts">
      <div>
        <dt>Events</dt>
        <dd data-testid="stream-count">{formatInt(last.revision + 1)}</dd>
      </div>
      <div>
        <dt>Last revision</dt>
        <dd>{formatInt(last.revision)}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>
          <Time iso={first?.recordedAt} exact />
        </dd>
      </div>
      <div>
        <dt>Last activity</dt>
        <dd>
          <Time iso={last.recordedAt} />
        </dd>
      </div>
      <div>
        <dt>Category</dt>
        <dd>
          <a href={href.streams({ category: categoryOf(streamId) })}>{categoryOf(streamId)}</a>
        </dd>
      </div>
    </dl>
  );
}

export function StreamPage({ streamId, direction, from }: Props) {
  const [stack, setStack] = useState<string[]>([]);
  const [jump, setJump] = useState('');
  const fromRev = from === '' ? undefined : Number(from);
  const page = useLoad(
    (signal) => client.readStream(streamId, { direction, from: fromRev, limit: PAGE, signal }),
    [streamId, direction, fromRev],
  );
  const data = page.data;
  const go = (p: { dir?: 'forward' | 'backward'; from?: string }) =>
    navigate(href.stream(streamId, { dir: p.dir ?? direction, from: p.from }));
  const setDirection = (dir: 'forward' | 'backward') => {
    setStack([]);
    go({ dir, from: '' });
  };
  const next = () => {
    if (data?.next === null || data?.next === undefined) return;
    setStack([...stack, from]);
    go({ from: String(data.next) });
  };
  const prev = () => {
    setStack(stack.slice(0, -1));
    go({ from: stack[stack.length - 1] ?? '' });
  };
  const onJump = (e: Event) => {
    e.preventDefault();
    const n = Number.parseInt(jump, 10);
    if (Number.isFinite(n) && n >= 0) {
      setStack([]);
      go({ from: String(n) });
    }
  };

  return (
    <section>
      <PageHeader
        title={
          <span class="title-id">
            <span class="mono">{streamId}</span>
            <CopyButton text={streamId} label="Copy stream id" />
          </span>
        }
        sub={<a href={href.streams()}>← All streams</a>}
      >
        <a class="btn" href={href.live({ prefix: streamId })}>
          Live tail
        </a>
        <a class="btn btn-primary" href={href.travel(streamId)}>
          Time travel
        </a>
      </PageHeader>
      <StreamFacts streamId={streamId} />
      <div class="toolbar">
        <fieldset class="segmented">
          <legend class="sr-only">Order</legend>
          <button type="button" aria-pressed={direction === 'backward'} onClick={() => setDirection('backward')}>
            Newest first
          </button>
          <button type="button" aria-pressed={direction === 'forward'} onClick={() => setDirection('forward')}>
            Oldest first
          </button>
        </fieldset>
        <form class="jump" onSubmit={onJump}>
          <label>
            <span class="sr-only">Jump to revision</span>
            <input
              type="number"
              min={0}
              inputMode="numeric"
              placeholder="Go to revision"
              value={jump}
              onInput={(e) => setJump(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="btn">
            Go
          </button>
        </form>
      </div>
      {page.error !== undefined &&
        (isNotFound(page.error) ? (
          <Empty>Stream “{streamId}” does not exist (or your token may not read it).</Empty>
        ) : (
          <ErrorBox error={page.error} onRetry={page.reload} />
        ))}
      {!data && page.loading && <Spinner />}
      {data && data.events.length === 0 && <Empty>No events in this range.</Empty>}
      {data && data.events.length > 0 && (
        <div class={`event-list-wrap${page.loading ? ' is-loading' : ''}`}>
          <EventListHeader />
          <ol class="event-list" data-testid="stream-events">
            {data.events.map((ev) => (
              <EventRow key={ev.id} event={ev} />
            ))}
          </ol>
        </div>
      )}
      <nav class="pager" aria-label="Event pages">
        <button type="button" class="btn" onClick={prev} disabled={from === ''}>
          ← {direction === 'backward' ? 'Newer' : 'Older'}
        </button>
        <span class="muted">
          {data?.events.length
            ? `#${formatInt(data.events[0]!.revision)} – #${formatInt(data.events[data.events.length - 1]!.revision)}`
            : ''}
        </span>
        <button type="button" class="btn" onClick={next} disabled={data?.next === null || data?.next === undefined}>
          {direction === 'backward' ? 'Older' : 'Newer'} →
        </button>
      </nav>
    </section>
  );
}
