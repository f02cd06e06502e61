// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { claimDocument, startedEventName } from '../../utils/page/script-instance';
import { extensionApi, liveExtensionId } from '../../utils/page/extension-api';

describe('claimDocument (one live copy of the content script per document)', () => {
  const orphaned = () => true;
  const live = () => false;

  it('an older copy whose extension API is gone stops when a newer one starts; the newer one does not hear itself', () => {
    const stopped: string[] = [];
    claimDocument(document, 'ext-a', orphaned, () => stopped.push('old'));
    claimDocument(document, 'ext-a', orphaned, () => stopped.push('new'));
    expect(stopped).toEqual(['old']);
  });

  it('a copy whose extension API still works ignores the event (a page can dispatch it), and stops once orphaned', () => {
    const stopped: string[] = [];
    let gone = false;
    claimDocument(document, 'ext-e', () => gone, () => stopped.push('e'));
    document.dispatchEvent(new Event(startedEventName('ext-e')));
    document.dispatchEvent(new CustomEvent(startedEventName('ext-e'), { detail: { contentScriptName: 'creator-pages' } }));
    expect(stopped).toEqual([]);
    gone = true;
    document.dispatchEvent(new Event(startedEventName('ext-e')));
    document.dispatchEvent(new Event(startedEventName('ext-e')));
    expect(stopped).toEqual(['e']);
  });

  it('copies of another extension are not affected', () => {
    const stopped: string[] = [];
    claimDocument(document, 'ext-b', orphaned, () => stopped.push('b'));
    claimDocument(document, 'ext-c', orphaned, () => stopped.push('c'));
    expect(stopped).toEqual([]);
  });

  it('released (stopped on its own), it no longer listens', () => {
    const stopped: string[] = [];
    const release = claimDocument(document, 'ext-d', orphaned, () => stopped.push('d'));
    release();
    document.dispatchEvent(new Event(startedEventName('ext-d')));
    expect(stopped).toEqual([]);
  });

  it('a live copy keeps listening after ignoring one (not a once listener)', () => {
    const stopped: string[] = [];
    let gone = false;
    claimDocument(document, 'ext-f', () => gone, () => stopped.push('f'));
    claimDocument(document, 'ext-f', live, () => stopped.push('newer'));
    gone = true;
    claimDocument(document, 'ext-f', live, () => stopped.push('newest'));
    expect(stopped).toEqual(['f']);
  });
});

describe('extensionApi / liveExtensionId (the extension API, looked up only when used)', () => {
  it('is the test browser, and the id of the running extension', () => {
    // tests/setup.ts points `chrome` at WXT's fake browser.
    expect(extensionApi().runtime).toBeDefined();
    expect(liveExtensionId()).toBe(extensionApi().runtime.id);
  });

  it('undefined once the API is gone (an orphaned copy), never a throw', () => {
    const scope = globalThis as unknown as { chrome: unknown; browser: unknown };
    const saved = { chrome: scope.chrome, browser: scope.browser };
    try {
      scope.browser = undefined;
      scope.chrome = { runtime: {} };
      expect(liveExtensionId()).toBeUndefined();
      scope.chrome = {
        get runtime(): never {
          throw new Error('Extension context invalidated.');
        },
      };
      expect(liveExtensionId()).toBeUndefined();
    } finally {
      Object.assign(scope, saved);
    }
  });
});
