/**
 * A Chromium driven over `--remote-debugging-pipe` with nothing attached to its pages (for the
 * benchmark's loads with nothing attached: scripts/bench/unattended-loads.ts, page-cost.ts).
 * Playwright attaches to every new frame and holds it until it has set it up; here the bench
 * talks to the browser alone, and to a page only when it asks for one (a heap measurement).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { BROWSER_ARGS, CHROMIUM_PATH } from '../../e2e/harness';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Incoming = { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };

/** A minimal CDP client over Chromium's --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON). */
export class PipeCdp {
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(method: string, params: Record<string, unknown>, sessionId?: string) => void>();

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(JSON.parse(raw) as Incoming);
      }
    });
  }

  private dispatch(message: Incoming) {
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result ?? {});
    } else if (message.method) {
      for (const listener of this.listeners) listener(message.method, message.params ?? {}, message.sessionId);
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params })}\0`);
    });
  }

  on(listener: (method: string, params: Record<string, unknown>, sessionId?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface PipeBrowser {
  cdp: PipeCdp;
  process: ChildProcess;
  kill(): void;
}

/**
 * Start Chromium (headless, the harness's flags without its dead proxy: `hostRules` send the
 * fixture hosts to the local server and everything else to nothing) with one unpacked extension,
 * or none.
 */
export function startPipeChromium(options: { extensionDir: string | null; hostRules: string; userDataDir: string }): PipeBrowser {
  const args = [
    '--headless=new',
    // A desktop window (pages get 1280×813): headless would open 800×600, and in a viewport under
    // 720 px tall the panel starts folded (utils/shared/panel-place.ts), with no chart to time.
    '--window-size=1280,900',
    ...BROWSER_ARGS.filter((a) => !a.startsWith('--proxy-server')), // the resolver rules send nothing outside instead
    `--host-resolver-rules=${options.hostRules}`,
    '--ignore-certificate-errors', // the fixture hosts' self-signed certificate
    `--user-data-dir=${path.resolve(options.userDataDir)}`,
    '--remote-debugging-pipe',
    ...(options.extensionDir === null
      ? ['--disable-extensions']
      : [`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`]),
    'about:blank',
  ];
  const child = spawn(CHROMIUM_PATH, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const cdp = new PipeCdp(child.stdio[3] as Writable, child.stdio[4] as Readable);
  return { cdp, process: child, kill: () => void child.kill('SIGKILL') };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export async function targets(cdp: PipeCdp): Promise<TargetInfo[]> {
  return ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
}

/**
 * Store the API key and settings as the options page stores them, through the extension's
 * service worker (apiKeyItem in utils/key/api-key.ts, settingsItem in utils/shared/settings.ts;
 * those modules cannot load outside an extension, so the settings' defaults are written out here).
 */
export async function seedExtensionSettings(cdp: PipeCdp, apiUrl: string, apiKey: string): Promise<void> {
  let worker: string | undefined;
  for (let i = 0; i < 100 && !worker; i += 1) {
    worker = (await targets(cdp)).find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'))?.targetId;
    if (!worker) await sleep(100);
  }
  if (!worker) throw new Error('bench: the extension service worker did not start');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker, flatten: true })) as { sessionId: string };
  const stored = { apiKey, settings: { cacheTtlHours: 24, customUrl: apiUrl, endpoint: 'custom', timeoutSeconds: 60 } };
  // A write made while the worker is still starting was seen lost (no key): write, read back, retry.
  for (let attempt = 0; ; attempt += 1) {
    await sleep(500);
    await cdp.send('Runtime.evaluate', { expression: `chrome.storage.local.set(${JSON.stringify(stored)})`, awaitPromise: true }, sessionId);
    await sleep(300);
    const { result } = (await cdp.send(
      'Runtime.evaluate',
      { expression: `chrome.storage.local.get(null).then((all) => JSON.stringify({ apiKey: all.apiKey, settings: all.settings }))`, awaitPromise: true, returnByValue: true },
      sessionId,
    )) as { result: { value?: string } };
    const saved = JSON.parse(result.value ?? '{}') as { apiKey?: unknown; settings?: { customUrl?: unknown } };
    if (saved.apiKey === apiKey && saved.settings?.customUrl === apiUrl) break;
    if (attempt === 5) throw new Error('bench: could not store the settings');
  }
  await cdp.send('Target.detachFromTarget', { sessionId });
}

/** Trace events as they come back from Tracing.dataCollected. */
export interface PipeTraceEvent {
  name?: string;
  cat?: string;
  ts?: number;
  pid?: number;
  args?: Record<string, unknown>;
}

/** Start a browser-wide trace of `categories`; the returned function ends it and gives its events. */
export async function startTrace(cdp: PipeCdp, categories: string[]): Promise<() => Promise<PipeTraceEvent[]>> {
  const events: PipeTraceEvent[] = [];
  let done: () => void = () => {};
  const complete = new Promise<void>((resolve) => (done = resolve));
  const off = cdp.on((method, params, sessionId) => {
    if (sessionId !== undefined) return;
    if (method === 'Tracing.dataCollected') events.push(...((params.value as PipeTraceEvent[] | undefined) ?? []));
    if (method === 'Tracing.tracingComplete') done();
  });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
  return async () => {
    await cdp.send('Tracing.end');
    await complete;
    off();
    return events;
  };
}

/** The used JS heap of a page's isolate (its own scripts and every content script's world) after a full GC, bytes. */
export async function pageHeapUsed(cdp: PipeCdp, targetId: string): Promise<number> {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  try {
    await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
    await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
    const usage = (await cdp.send('Runtime.getHeapUsage', {}, sessionId)) as { usedSize: number };
    return usage.usedSize;
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}
