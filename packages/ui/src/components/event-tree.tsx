// A clickable tree of events (causation within a correlation), with the current event marked.
import type { RecordedEventJson } from '@logbook/client';
import type { TreeNode } from '../lib/causation-tree.js';
import { href } from '../lib/router.js';
import { Time } from './time.js';

export function EventLink({ event, current }: { event: RecordedEventJson; current?: boolean }) {
  const body = (
    <>
      <span class="type-pill">{event.type}</span>
      <span class="mono small">
        {event.streamId}#{event.revision}
      </span>
      <span class="muted small">
        <Time iso={event.recordedAt} />
      </span>
    </>
  );
  if (current) {
    return (
      <span class="tree-item current" aria-current="true">
        {body}
        <span class="badge">this event</span>
      </span>
    );
  }
  return (
    <a class="tree-item" href={href.event(event.id)}>
      {body}
    </a>
  );
}

export function EventTree({ nodes, currentId }: { nodes: TreeNode[]; currentId: string }) {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li key={n.event.id}>
          <EventLink event={n.event} current={n.event.id === currentId} />
          {n.children.length > 0 && <EventTree nodes={n.children} currentId={currentId} />}
        </li>
      ))}
    </ul>
  );
}
