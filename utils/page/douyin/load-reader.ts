import { extensionApi } from '../extension-api';
import type { DouyinOwnerReader } from './read-owner';
import { DOUYIN_READER_CHUNK_PATH, publishedDouyinReader, type DouyinReaderFactory } from './reader-chunk';

let loading: Promise<DouyinReaderFactory> | null = null;

/**
 * The Douyin owner reader (./read-owner.ts and the page readers it uses), which only Douyin
 * creator pages need: a chunk of its own (entrypoints/douyin-reader.ts), imported from its
 * extension URL the first time a document shows a Douyin creator page, so that Xingtu pages and
 * the Douyin feed never load it. Rejects if the chunk cannot be loaded (the extension was
 * reloaded meanwhile); the next call tries again.
 */
export function loadDouyinOwnerReader(): Promise<DouyinOwnerReader> {
  loading ??= importChunk();
  const current = loading;
  current.catch(() => {
    if (loading === current) loading = null;
  });
  return current.then((factory) => factory());
}

/** Async, so that an API already gone (an orphaned copy) rejects instead of throwing. */
async function importChunk(): Promise<DouyinReaderFactory> {
  const url = extensionApi().runtime.getURL(DOUYIN_READER_CHUNK_PATH as '/douyin-reader.js');
  await import(/* @vite-ignore */ url);
  const factory = publishedDouyinReader();
  if (!factory) throw new Error('the Douyin reader chunk published nothing');
  return factory;
}
