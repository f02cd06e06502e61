/**
 * Accessibility checks for the e2e suite (e2e/a11y.spec.ts, e2e/a11y-badges.spec.ts): axe-core
 * injected into a document once and run there, on the extension's pages opened as tabs and on
 * the panel's own document, an extension iframe inside a shadow root on the creator page (so the
 * panel is rated as the page it is, not as part of the host page).
 */
import axeCore from 'axe-core';
import type { Frame, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { panel } from './harness';

/** What axe checks: WCAG 2.0–2.2 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

/** Rules that fail the suite at any impact (fixed once; they must stay fixed). */
const ALWAYS_FAIL = new Set(['landmark-one-main', 'page-has-heading-one', 'region', 'aria-allowed-role', 'label', 'button-name']);

export interface Finding {
  state: string;
  rule: string;
  impact: string;
  targets: string[];
  summary: string;
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

function findingsOf(state: string, violations: readonly AxeViolation[]): Finding[] {
  return violations.map((v) => ({
    state,
    rule: v.id,
    impact: v.impact ?? 'unknown',
    targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    summary: (v.nodes[0]?.failureSummary ?? '').split('\n').slice(0, 3).join(' '),
  }));
}

/** Whether a finding fails the suite: serious or critical, or one of ALWAYS_FAIL. */
export function isBlocking(f: Finding): boolean {
  return f.impact === 'serious' || f.impact === 'critical' || ALWAYS_FAIL.has(f.rule);
}

/**
 * axe on a page opened as a tab (popup.html, options.html, list.html, the badge test page): its
 * document, axe injected once per document. (The pages have no frames of their own.
 * @axe-core/playwright's AxeBuilder, used before, injected axe into every frame on every call:
 * about 0.66 s a run against 0.18 s.)
 */
export async function axePage(page: Page, state: string): Promise<Finding[]> {
  return findingsOf(state, await runAxe(page.mainFrame()));
}

/** The panel's own frame on a creator page (panel.html in the shadow root's iframe). */
export async function panelFrame(page: Page): Promise<Frame> {
  const handle = await panel(page).iframe.first().elementHandle({ timeout: 20_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no panel frame');
  return frame;
}

/** axe on the panel document, as a page of its own. */
export async function axePanel(page: Page, state: string): Promise<Finding[]> {
  return findingsOf(state, await runAxe(await panelFrame(page)));
}

/** axe-core (4.13.0, the last release for Node 20's toolchain here) on a frame's document, with AXE_TAGS. */
async function runAxe(frame: Frame): Promise<AxeViolation[]> {
  const loaded = await frame.evaluate(() => 'axe' in window);
  if (!loaded) await frame.evaluate(axeCore.source);
  return frame.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations),
    [...AXE_TAGS],
  );
}

/** Fail with every blocking finding listed (all states are checked before this is called). */
export function expectNoBlocking(findings: readonly Finding[], label: string): void {
  const blocking = findings.filter(isBlocking).map((f) => `${f.state}: ${f.rule} (${f.impact}) ${f.targets.join(' ')} — ${f.summary}`);
  expect(blocking, `${label}: axe violations`).toEqual([]);
}
