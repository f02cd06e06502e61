import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// @webext-core/messaging talks to the `chrome` global; point it at the same fake browser.
(globalThis as unknown as { chrome: unknown }).chrome = fakeBrowser;

beforeEach(() => {
  fakeBrowser.reset();
  // The fake browser has no commands API; the background listens for the panel's keyboard
  // shortcut (utils/background/panel-command.ts, tested on its own).
  fakeBrowser.commands.onCommand.addListener = () => {};
});
