// One event in a list: a summary line that expands to its data and metadata JSON.
import type { RecordedEventJson } from '@logbook/client';
import { useMemo, useState } from 'preact/hooks';
import { formatBytes, formatInt, jsonSize } from '../lib/format.js';
import { href } from '../lib/router.js';
import { CopyButton } from './copy-button.js';
import { JsonView } from './json-view.js';
import { Time } from './time.js';

interface Props {
  event: RecordedEventJson;
  /** Show the stream id column (global log views). */
  showStream?: boolean;
  /** Show the global position instead of the revision. */
  showPosition?: boolean;
  highlight?: boolean;
  initiallyOpen?: boolean;
}

export function EventRow({ event, showStream = false, showPosition = false, highlight = false, initiallyOpen = false }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const size = useMemo(() => jsonSize(event.data, event.metadata), [event]);
  const panelId = `ev-${event.id}`;
  return (
    <li class={`event${open ? ' open' : ''}${highlight ? ' highlight' : ''}`} data-event-id={event.id}>
      <button
        type="button"
        class={`event-summary${showStream ? ' with-stream' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <span class="chevron" aria-hidden="true">
          ▸
        </span>
        <span class="ev-num mono" title={showPosition ? 'Global position' : 'Revision'}>
          {showPosition ? event.position : `#${formatInt(event.revision)}`}
        </span>
        <span class="ev-type">
          <span class="type-pill">{event.type}</span>
        </span>
        {showStream && <span class="ev-stream mono">{event.streamId}</span>}
        <span class="ev-time">
          <Time iso={event.recordedAt} />
        </span>
        <span class="ev-size muted">{formatBytes(size)}</span>
      </button>
      {open && (
        <div class="event-detail" id={panelId}>
          <div class="event-links">
            <a href={href.event(event.id)}>Event details →</a>
            {showStream && <a href={href.stream(event.streamId)}>Stream {event.streamId}</a>}
            <a href={href.travel(event.streamId, String(event.revision))}>Time travel to #{event.revision}</a>
            <span class="mono muted small">{event.id}</span>
            <CopyButton text={event.id} label="Copy event id" />
          </div>
          <div class="json-pair">
            <JsonView value={event.data} label="Data" />
            <JsonView value={event.metadata} label="Metadata" />
          </div>
        </div>
      )}
    </li>
  );
}

export function EventListHeader({ showStream = false, showPosition = false }: { showStream?: boolean; showPosition?: boolean }) {
  return (
    <div class={`event-summary event-head${showStream ? ' with-stream' : ''}`} aria-hidden="true">
      <span />
      <span>{showPosition ? 'Position' : 'Rev'}</span>
      <span>Type</span>
      {showStream && <span>Stream</span>}
      <span>Recorded</span>
      <span>Size</span>
    </div>
  );
}
