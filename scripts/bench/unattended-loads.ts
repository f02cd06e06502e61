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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, creatorPageUrl } from '../../e2e/harness';
import { CHART_DRAWN_MARK, CREATOR_KNOWN_MARK, DETECTED_MARK, PANEL_STARTED_MARK } from '../../utils/shared/perf-marks';
import { startFixtureServer } from './fixture-server';
import { seedExtensionSettings, sleep, startPipeChromium, startTrace, type PipeBrowser } from './pipe-cdp';

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
  const dwell = options.dwellMs ?? 1_500;
  const plan = [...options.ids, ...Array.from({ length: options.runs }, (_, i) => options.ids[i % options.ids.length]!)];
  const step = (i: number) => `${creatorPageUrl(plan[i]!)}?bench-step=${i}`;
  // Each page goes on to the next itself, in the same tab, as a user's click would.
  const server = await startFixtureServer({
    dir,
    transform: (url, body) => {
      const at = Number(url.searchParams.get('bench-step'));
      if (!Number.isInteger(at) || at + 1 >= plan.length) return body;
      return body.replace('</body>', `<script>setTimeout(() => location.assign(${JSON.stringify(step(at + 1))}), ${dwell});</script></body>`);
    },
  });
  if (!server) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  let browser: PipeBrowser | null = null;
  try {
    browser = startPipeChromium({ extensionDir: EXTENSION_DIR, hostRules: server.hostRules, userDataDir: path.join(dir, 'profile') });
    const { cdp } = browser;
    await seedExtensionSettings(cdp, options.apiUrl, options.apiKey);
    const endTrace = await startTrace(cdp, ['blink.user_timing']);
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
    const loads = loadsFromMarks(await endTrace());
    return loads.slice(options.ids.length); // the cold first loads are not reported
  } finally {
    browser?.kill();
    server.close();
    await sleep(200);
    rmSync(dir, { recursive: true, force: true });
  }
}
