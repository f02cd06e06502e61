// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createBadge, onTrusted } from '../../utils/page/badges/badge-element';
import { shareText } from '../../utils/page/badges/badge-text';

describe('onTrusted', () => {
  it('runs the handler for the user’s events only, never for a page script’s', () => {
    const handler = vi.fn();
    const listener = onTrusted(handler);
    listener(new MouseEvent('click')); // dispatched by script: isTrusted false
    expect(handler).not.toHaveBeenCalled();
    const trusted = new MouseEvent('click');
    Object.defineProperty(trusted, 'isTrusted', { value: true });
    listener(trusted);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('a script’s click on the badge’s own button makes no look-up', () => {
    const lookUp = vi.fn();
    const badge = createBadge(document, 'x:1', { lookUp, open: vi.fn(), addToList: vi.fn() });
    document.body.append(badge.host);
    badge.render({ kind: 'info', info: { state: 'uncached', search: false } });
    // The root is closed: the page has no way in (shadowRoot is null) …
    expect(badge.host.shadowRoot).toBeNull();
    badge.host.click();
    expect(lookUp).not.toHaveBeenCalled();
  });

  it('its own button answers a user’s click only: a script’s click on the button itself does nothing', () => {
    // Reach inside the closed root as no page can (the test keeps the root attachShadow returns).
    const attach = HTMLElement.prototype.attachShadow;
    let root: ShadowRoot | null = null;
    const spy = vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init: ShadowRootInit) {
      root = attach.call(this, init);
      return root;
    });
    const lookUp = vi.fn();
    const badge = createBadge(document, 'x:2', { lookUp, open: vi.fn(), addToList: vi.fn() });
    spy.mockRestore();
    document.body.append(badge.host);
    badge.render({ kind: 'info', info: { state: 'uncached', search: false } });
    const button = (root as ShadowRoot | null)?.querySelector('button');
    expect(button).toBeTruthy();
    button?.click();
    button?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(lookUp).not.toHaveBeenCalled();
    const user = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(user, 'isTrusted', { value: true });
    button?.dispatchEvent(user);
    expect(lookUp).toHaveBeenCalledTimes(1);
  });
});

describe('shareText', () => {
  it('whole percent', () => {
    expect(shareText('美食', 0.5304)).toBe('美食 53%');
    expect(shareText('音乐', 0.722)).toBe('音乐 72%');
  });
});
