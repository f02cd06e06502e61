import type { DouyinOwnerReader } from './read-owner';

/**
 * The hand-over between the Douyin reader chunk (entrypoints/douyin-reader.ts) and the content
 * script that imports it (./load-reader.ts). The chunk is a separate bundle, so the two share no
 * module: the chunk leaves its factory on the global object of the world it runs in. In the
 * content script's isolated world only this extension's content scripts see it; the chunk
 * publishes nothing in a page's own world (no extension API there: see the entrypoint).
 */
export const DOUYIN_READER_CHUNK_PATH = '/douyin-reader.js';

const KEY = '__xdpDouyinOwnerReader';

export type DouyinReaderFactory = () => DouyinOwnerReader;

type Scope = { [KEY]?: DouyinReaderFactory };

export function publishDouyinReader(factory: DouyinReaderFactory, scope: object = globalThis): void {
  Object.defineProperty(scope, KEY, { value: factory, configurable: true, enumerable: false, writable: false });
}

export function publishedDouyinReader(scope: object = globalThis): DouyinReaderFactory | undefined {
  const value = (scope as Scope)[KEY];
  return typeof value === 'function' ? value : undefined;
}
