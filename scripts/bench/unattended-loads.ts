/**
 * Full page loads with no automation attached to any page or frame (for scripts/bench/main.ts).
 *
 * Playwright attaches to every new frame, the panel's iframe included, holds it until it has set
 * it up (its own scripts, routes, init scripts), and only then lets it run: a delay no user has,
 * counted in the bench's Playwright-driven loads. Here Chromium is started by hand with the
 * built extension, the fixture pages come from a local HTTPS server (the fixture hosts resolve to
 * 127.0.0.1; everything else resolves to nothing), and the bench talks to the browser alone
 * over `--remote-debugging-pipe`: it seeds the settings through the service worker, then opens a
 * tab (`Target.createTarget`, never attached) whose page goes on to the next creator page itself
 * (a script the fixture server adds), or opens each page in a tab of its own, with a trace of
 * User Timing marks running. The marks (utils/shared/perf-marks.ts) come back from the trace with
 * one clock for all processes.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { BROWSER_ARGS, CHROMIUM_PATH, EXTENSION_DIR, FIXTURE_HOSTS, creatorPageUrl, fixtureFor } from '../../e2e/harness';
import { CHART_DRAWN_MARK, CREATOR_KNOWN_MARK, DETECTED_MARK, PANEL_STARTED_MARK } from '../../utils/shared/perf-marks';

export interface UnattendedLoad {
  /** Detection → each step, ms (null: the mark did not come). */
  started: number | null;
  creator: number | null;
  chart: number | null;
}

export interface UnattendedOptions {
  /** Creators the mock API knows; each is loaded once cold (not reported), then `runs` warm loads cycle through them. */
  ids: readonly string[];
  runs: number;
  /** The mock API the extension is set to (custom endpoint). */
  apiUrl: string;
  apiKey: string;
  /**
   * 'same-tab': one tab, each page going on to the next itself (as a click would);
   * 'new-tabs': each page in a new tab (a new page process each time), closed after.
   */
  mode: 'same-tab' | 'new-tabs';
  /** How long each page stays. */
  dwellMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A minimal CDP client over Chromium's --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON). */
class PipeCdp {
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(method: string, params: Record<string, unknown>) => void>();

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
        this.dispatch(JSON.parse(raw) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown> });
      }
    });
  }

  private dispatch(message: { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown> }) {
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result ?? {});
    } else if (message.method) {
      for (const listener of this.listeners) listener(message.method, message.params ?? {});
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params })}\0`);
    });
  }

  on(listener: (method: string, params: Record<string, unknown>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A self-signed certificate for the fixture hosts (openssl), or null when openssl is missing. */
function fixtureCertificate(dir: string): { key: Buffer; cert: Buffer } | null {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=www.xingtu.cn'],
      { stdio: 'ignore' },
    );
  } catch {
    return null;
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
}

interface TraceEvent {
  name?: string;
  cat?: string;
  ts?: number;
}

/** Pair each detection with the panel marks that follow it (before the next detection). */
export function loadsFromMarks(events: readonly TraceEvent[]): UnattendedLoad[] {
  const ours = new Set([DETECTED_MARK, PANEL_STARTED_MARK, CREATOR_KNOWN_MARK, CHART_DRAWN_MARK]);
  const marks = events
    .filter((e): e is Required<Pick<TraceEvent, 'name' | 'ts'>> & TraceEvent => typeof e.name === 'string' && ours.has(e.name) && typeof e.ts === 'number')
    .sort((a, b) => a.ts - b.ts);
  const loads: UnattendedLoad[] = [];
  let detected: number | null = null;
  let current: UnattendedLoad | null = null;
  for (const m of marks) {
    if (m.name === DETECTED_MARK) {
      detected = m.ts;
      current = { started: null, creator: null, chart: null };
      loads.push(current);
      continue;
    }
    if (detected === null || current === null) continue;
    const ms = (m.ts - detected) / 1000;
    if (m.name === PANEL_STARTED_MARK && current.started === null) current.started = ms;
    if (m.name === CREATOR_KNOWN_MARK && current.creator === null) current.creator = ms;
    if (m.name === CHART_DRAWN_MARK && current.chart === null) current.chart = ms;
  }
  return loads;
}

/** Warm full loads (after one cold load per id), measured with nothing attached. Null when it cannot run here. */
export async function measureUnattendedLoads(options: UnattendedOptions): Promise<UnattendedLoad[] | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'xdp-unattended-'));
  const tls = fixtureCertificate(dir);
  if (!tls) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const dwell = options.dwellMs ?? 1_500;
  const plan = [...options.ids, ...Array.from({ length: options.runs }, (_, i) => options.ids[i % options.ids.length]!)];
  const step = (i: number) => `${creatorPageUrl(plan[i]!)}?bench-step=${i}`;
  const server = createServer(tls, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://www.xingtu.cn');
    let body = fixtureFor(url);
    // Each page goes on to the next itself, in the same tab, as a user's click would.
    const at = Number(url.searchParams.get('bench-step'));
    if (body !== null && Number.isInteger(at) && at + 1 < plan.length) {
      body = body.replace('</body>', `<script>setTimeout(() => location.assign(${JSON.stringify(step(at + 1))}), ${dwell});</script></body>`);
    }
    res.writeHead(body === null ? 404 : 200, { 'content-type': body === null ? 'text/plain' : 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const hostRules = [...[...FIXTURE_HOSTS].map((h) => `MAP ${h}:443 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ');
  const args = [
    '--headless=new',
    ...BROWSER_ARGS.filter((a) => !a.startsWith('--proxy-server')), // the resolver rules send nothing outside instead
    `--host-resolver-rules=${hostRules}`,
    '--ignore-certificate-errors', // the fixture hosts' self-signed certificate
    `--user-data-dir=${path.join(dir, 'profile')}`,
    '--remote-debugging-pipe',
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    'about:blank',
  ];
  let browser: ChildProcess | null = null;
  try {
    browser = spawn(CHROMIUM_PATH, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    const cdp = new PipeCdp(browser.stdio[3] as Writable, browser.stdio[4] as Readable);

    // The settings, as the options page saves them, written by the service worker.
    let worker: string | undefined;
    for (let i = 0; i < 100 && !worker; i += 1) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
      worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'))?.targetId;
      if (!worker) await sleep(100);
    }
    if (!worker) throw new Error('unattended: the extension service worker did not start');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker, flatten: true })) as { sessionId: string };
    // Stored as the options page stores them (apiKeyItem in utils/key/api-key.ts, settingsItem in
    // utils/shared/settings.ts; those modules cannot load outside an extension, so the settings'
    // defaults are written out here).
    const stored = { apiKey: options.apiKey, settings: { cacheTtlHours: 24, customUrl: options.apiUrl, endpoint: 'custom', timeoutSeconds: 60 } };
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
      if (saved.apiKey === options.apiKey && saved.settings?.customUrl === options.apiUrl) break;
      if (attempt === 5) throw new Error('unattended: could not store the settings');
    }
    await cdp.send('Target.detachFromTarget', { sessionId });

    const events: TraceEvent[] = [];
    const complete = new Promise<void>((resolve) => {
      cdp.on((method, params) => {
        if (method === 'Tracing.dataCollected') events.push(...((params.value as TraceEvent[] | undefined) ?? []));
        if (method === 'Tracing.tracingComplete') resolve();
      });
    });
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['blink.user_timing'] }, transferMode: 'ReportEvents' });
    if (options.mode === 'new-tabs') {
      for (let i = 0; i < plan.length; i += 1) {
        const { targetId } = (await cdp.send('Target.createTarget', { url: creatorPageUrl(plan[i]!) })) as { targetId: string };
        await sleep(dwell);
        await cdp.send('Target.closeTarget', { targetId });
      }
    } else {
      await cdp.send('Target.createTarget', { url: step(0) });
      await sleep(plan.length * (dwell + 300) + 1_000);
    }
    await cdp.send('Tracing.end');
    await complete;
    const loads = loadsFromMarks(events);
    return loads.slice(options.ids.length); // the cold first loads are not reported
  } finally {
    browser?.kill('SIGKILL');
    server.close();
    await sleep(200);
    rmSync(dir, { recursive: true, force: true });
  }
}
