// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { claimDocument, startedEventName } from '../../utils/page/script-instance';
import { extensionApi, liveExtensionId } from '../../utils/page/extension-api';

describe('claimDocument (one live copy of the content script per document)', () => {
  it('an older copy stops when a newer one starts; the newer one does not hear itself', () => {
    const stopped: string[] = [];
    claimDocument(document, 'ext-a', () => stopped.push('old'));
    claimDocument(document, 'ext-a', () => stopped.push('new'));
    expect(stopped).toEqual(['old']);
  });

  it('copies of another extension are not affected', () => {
    const stopped: string[] = [];
    claimDocument(document, 'ext-b', () => stopped.push('b'));
    claimDocument(document, 'ext-c', () => stopped.push('c'));
    expect(stopped).toEqual([]);
  });

  it('released (stopped on its own), it no longer listens', () => {
    const stopped: string[] = [];
    const release = claimDocument(document, 'ext-d', () => stopped.push('d'));
    release();
    document.dispatchEvent(new Event(startedEventName('ext-d')));
    expect(stopped).toEqual([]);
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
