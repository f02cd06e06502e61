/**
 * Heap snapshots of a page's isolate (its own world and every content script's world), and what
 * one holds beyond another, by constructor as DevTools' Summary groups them (for
 * scripts/bench/page-cost.ts, issue 15: where the extension's page-side heap goes).
 */
import type { PipeCdp } from './pipe-cdp';

/** Take a heap snapshot of a page (after two full GCs); the .heapsnapshot JSON text. */
export async function takeHeapSnapshot(cdp: PipeCdp, targetId: string): Promise<string> {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  const chunks: string[] = [];
  const off = cdp.on((method, params, from) => {
    if (from === sessionId && method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(String(params.chunk));
  });
  try {
    await cdp.send('HeapProfiler.enable', {}, sessionId);
    await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
    await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, sessionId);
    return chunks.join('');
  } finally {
    off();
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** One group of a snapshot: how many objects, and their own (shallow) size in bytes. */
export interface Group {
  count: number;
  size: number;
}

/** The group a node belongs to, as DevTools' Summary names it. */
export function groupName(type: string, name: string): string {
  // V8's own objects keep their kind ("system / FunctionTemplateInfo": a DOM or API binding's template).
  const system = /^system \/ [^/]+/.exec(name)?.[0].trim();
  switch (type) {
    case 'object':
    case 'native':
      return system ?? (name.replace(/ \/ .*$/, '') || '(anonymous)'); // "Window / https://…" → "Window"
    case 'closure':
      return '(closure)';
    case 'array':
      return '(array)';
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)';
    case 'code':
      return '(compiled code)';
    case 'hidden':
    case 'object shape':
      return system ?? '(system)';
    case 'regexp':
      return 'RegExp';
    case 'number':
    case 'heap number':
      return '(number)';
    default:
      return `(${type})`;
  }
}

/** Every node of a snapshot, summed by group. */
export function summarise(json: string): Map<string, Group> {
  const raw = JSON.parse(json) as RawSnapshot;
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const width = fields.length;
  const at = { type: fields.indexOf('type'), name: fields.indexOf('name'), size: fields.indexOf('self_size') };
  const groups = new Map<string, Group>();
  for (let i = 0; i < raw.nodes.length; i += width) {
    const type = types[raw.nodes[i + at.type]!] ?? 'unknown';
    if (type === 'synthetic') continue; // roots and (GC roots) groupings, no memory of their own
    const key = groupName(type, raw.strings[raw.nodes[i + at.name]!] ?? '');
    const group = groups.get(key) ?? { count: 0, size: 0 };
    group.count += 1;
    group.size += raw.nodes[i + at.size]!;
    groups.set(key, group);
  }
  return groups;
}

export interface SnapshotDiff {
  /** Total self size of each snapshot, bytes. */
  baseTotal: number;
  total: number;
  /** The groups that grew most, largest first: objects and bytes more than in the base. */
  grew: { group: string; count: number; size: number }[];
}

/** What `json` holds beyond `baseJson`, by group (the `top` that grew most). */
export function diffSnapshots(baseJson: string, json: string, top = 12): SnapshotDiff {
  const base = summarise(baseJson);
  const other = summarise(json);
  const sum = (m: Map<string, Group>) => [...m.values()].reduce((s, g) => s + g.size, 0);
  const grew = [...new Set([...base.keys(), ...other.keys()])]
    .map((group) => ({ group, count: (other.get(group)?.count ?? 0) - (base.get(group)?.count ?? 0), size: (other.get(group)?.size ?? 0) - (base.get(group)?.size ?? 0) }))
    .sort((a, b) => b.size - a.size)
    .slice(0, top);
  return { baseTotal: sum(base), total: sum(other), grew };
}
