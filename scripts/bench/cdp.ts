/**
 * What the benchmark (scripts/bench/main.ts) asks Chromium over a CDP session: the JS heap of a
 * page or frame's process, and a trace of everything an action causes, read as main-thread tasks.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';

/** The used JS heap of the target's isolate after a garbage collection, bytes. */
export async function heapUsed(context: BrowserContext, target: Page | Frame): Promise<number> {
  const cdp = await context.newCDPSession(target);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs. */
  tdur?: number;
  args?: { data?: { url?: string }; name?: string };
}

/** A Chromium trace of everything `during` causes (all processes), from the page's session. */
export async function traceDuring(
  context: BrowserContext,
  page: Page,
  during: () => Promise<void>,
  categories = 'devtools.timeline,blink.user_timing',
): Promise<TraceEvent[]> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  try {
    await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' } as never);
    await during();
    await cdp.send('Tracing.end');
    await complete;
    return events;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface MainThreadTask {
  /** Wall time, ms. */
  wall: number;
  /** CPU time of the main thread, ms (wall minus waiting for a core, for I/O …). */
  cpu: number;
}

/**
 * Main-thread tasks (toplevel RunTask) of the renderers in a trace: the page's ('Renderer') and the
 * extension's ('Extension Renderer': panel frames, popup), each on its CrRendererMain thread.
 */
export function mainThreadTasks(events: TraceEvent[]): { page: MainThreadTask[]; extension: MainThreadTask[] } {
  const processName = new Map<number, string>();
  const mainThreads = new Set<string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '');
    if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.add(`${e.pid}:${e.tid}`);
  }
  const tasks = { page: [] as MainThreadTask[], extension: [] as MainThreadTask[] };
  for (const e of events) {
    if (e.name !== 'ThreadControllerImpl::RunTask' || e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const task = { wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? e.dur ?? 0) / 1000 };
    const name = processName.get(e.pid) ?? '';
    if (name === 'Extension Renderer') tasks.extension.push(task);
    else if (name === 'Renderer') tasks.page.push(task);
  }
  return tasks;
}
