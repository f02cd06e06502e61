/**
 * The fixture pages over HTTPS at their real host names, for browsers the bench starts by hand
 * (scripts/bench/pipe-cdp.ts): the fixture hosts resolve to this server on 127.0.0.1 and every
 * other host to nothing. Xingtu pages come from e2e/harness.ts, Douyin pages from setup.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FIXTURE_HOSTS, fixtureFor } from '../../e2e/harness';
import { DOUYIN_ORIGIN } from '../../e2e/douyin-pages';
import { douyinPageFor } from './setup';

const DOUYIN_HOST = new URL(DOUYIN_ORIGIN).hostname;

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

/** The fixture page a URL on a fixture host gets (null: 404). */
export function fixturePageFor(url: URL): string | null {
  if (url.hostname === DOUYIN_HOST) return url.pathname === '/favicon.ico' ? null : douyinPageFor(url);
  return FIXTURE_HOSTS.has(url.hostname) ? fixtureFor(url) : null;
}

export interface FixtureServerOptions {
  /** Where the certificate is written (a temporary folder the caller removes). */
  dir: string;
  /** Change a page before it is sent (e.g. add the bench's own script). */
  transform?: (url: URL, body: string) => string;
  /** Answer a request the bench handles itself; false: serve the fixture page. */
  handle?: (url: URL, req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface FixtureServer {
  /** For --host-resolver-rules: the fixture hosts to this server, everything else to nothing. */
  hostRules: string;
  close(): void;
}

/** Start the server; null when it cannot run here (no openssl). */
export async function startFixtureServer(options: FixtureServerOptions): Promise<FixtureServer | null> {
  const tls = fixtureCertificate(options.dir);
  if (!tls) return null;
  const server: Server = createServer(tls, (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'www.xingtu.cn'}`);
    if (options.handle?.(url, req, res)) return;
    let body = fixturePageFor(url);
    if (body !== null && options.transform) body = options.transform(url, body);
    res.writeHead(body === null ? 404 : 200, { 'content-type': body === null ? 'text/plain' : 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const hosts = [...FIXTURE_HOSTS, DOUYIN_HOST];
  return {
    hostRules: [...hosts.map((h) => `MAP ${h}:443 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', '),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
