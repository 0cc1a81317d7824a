// Event: every field, its causation chain up and down, and the events sharing its correlation id.
import type { RelatedEvents } from '@logbook/client';
import { CopyButton } from '../components/copy-button.js';
import { EventLink, EventTree } from '../components/event-tree.js';
import { JsonView } from '../components/json-view.js';
import { Empty, ErrorBox, PageHeader, Spinner } from '../components/status.js';
import { Time } from '../components/time.js';
import { client, isNotFound, useLoad } from '../lib/api.js';
import { buildTree, causationIdOf, correlationIdOf } from '../lib/causation-tree.js';
import { formatBytes, jsonSize } from '../lib/format.js';
import { href } from '../lib/router.js';

function Field({ label, children, copy }: { label: string; children: preact.ComponentChildren; copy?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {children}
        {copy && <CopyButton text={copy} label={`Copy ${label.toLowerCase()}`} />}
      </dd>
    </div>
  );
}

function Causation({ rel }: { rel: RelatedEvents }) {
  const chain = [...rel.causedBy].reverse();
  return (
    <div class="card">
      <h2>Causation</h2>
      {chain.length === 0 && rel.caused.length === 0 && <p class="muted">Nothing caused this event and it caused nothing.</p>}
      {(chain.length > 0 || rel.caused.length > 0) && (
        <ol class="chain" data-testid="causation-chain">
          {chain.map((e) => (
            <li key={e.id}>
              <EventLink event={e} />
            </li>
          ))}
          <li>
            <EventLink event={rel.event} current />
            {rel.caused.length > 0 && (
              <ul class="tree caused" data-testid="caused">
                {rel.caused.map((e) => (
                  <li key={e.id}>
                    <EventLink event={e} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        </ol>
      )}
    </div>
  );
}

export function EventPage({ eventId }: { eventId: string }) {
  const rel = useLoad((signal) => client.related(eventId, signal), [eventId]);
  if (rel.error !== undefined) {
    if (isNotFound(rel.error)) return <Empty>No event with id “{eventId}”.</Empty>;
    return <ErrorBox error={rel.error} onRetry={rel.reload} />;
  }
  if (!rel.data) return <Spinner />;
  const r = rel.data;
  const e = r.event;
  const causationId = causationIdOf(e);
  const correlationId = r.correlationId ?? correlationIdOf(e);
  return (
    <section>
      <PageHeader
        title={<span class="type-pill type-pill-big">{e.type}</span>}
        sub={
          <a href={href.stream(e.streamId)}>
            ← {e.streamId} #{e.revision}
          </a>
        }
      >
        <a class="btn" href={href.travel(e.streamId, String(e.revision))}>
          Time travel here
        </a>
      </PageHeader>
      <dl class="facts facts-wide" data-testid="event-fields">
        <Field label="Event id" copy={e.id}>
          <span class="mono">{e.id}</span>
        </Field>
        <Field label="Stream" copy={e.streamId}>
          <a class="mono" href={href.stream(e.streamId)}>
            {e.streamId}
          </a>
        </Field>
        <Field label="Revision">
          <span class="mono">{e.revision}</span>
        </Field>
        <Field label="Position" copy={e.position}>
          <span class="mono">{e.position}</span>
        </Field>
        <Field label="Type">{e.type}</Field>
        <Field label="Recorded">
          <Time iso={e.recordedAt} exact />
        </Field>
        <Field label="Size">{formatBytes(jsonSize(e.data, e.metadata))}</Field>
        <Field label="Causation id">
          {causationId ? (
            <a class="mono" href={href.event(causationId)}>
              {causationId}
            </a>
          ) : (
            <span class="muted">none</span>
          )}
        </Field>
        <Field label="Correlation id" copy={correlationId}>
          {correlationId ? <span class="mono">{correlationId}</span> : <span class="muted">none</span>}
        </Field>
      </dl>
      <div class="json-pair">
        <JsonView value={e.data} label="Data" />
        <JsonView value={e.metadata} label="Metadata" />
      </div>
      <Causation rel={r} />
      <div class="card">
        <h2>
          Same correlation <span class="muted small">{r.correlated.length} events</span>
        </h2>
        {r.correlated.length <= 1 ? (
          <p class="muted">No other event shares this event's correlation id.</p>
        ) : (
          <div data-testid="correlated">
            <EventTree nodes={buildTree(r.correlated)} currentId={e.id} />
          </div>
        )}
        {r.truncated && <p class="muted small">Lists cut at the server's limit.</p>}
      </div>
    </section>
  );
}
