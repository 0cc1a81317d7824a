// Builds the causation tree of a set of correlated events from their metadata.causationId links.
import type { RecordedEventJson } from '@logbook/client';

export interface TreeNode {
  event: RecordedEventJson;
  children: TreeNode[];
}

export function causationIdOf(e: RecordedEventJson): string | undefined {
  const v = e.metadata.causationId;
  return typeof v === 'string' ? v : undefined;
}

export function correlationIdOf(e: RecordedEventJson): string | undefined {
  const v = e.metadata.correlationId;
  return typeof v === 'string' ? v : undefined;
}

/** Roots are events whose cause is not in the set; children keep log order. Cycles cannot occur (causes come first). */
export function buildTree(events: readonly RecordedEventJson[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const e of events) nodes.set(e.id, { event: e, children: [] });
  const roots: TreeNode[] = [];
  for (const e of events) {
    const node = nodes.get(e.id)!;
    const cause = causationIdOf(e);
    const parent = cause !== undefined && cause !== e.id ? nodes.get(cause) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
