/**
 * The bundled sample outlets (samples/<outlet>/...) are read from files, never from the
 * internet: a source of kind 'sample' gets this fetcher instead of the network one.
 *
 * Sample URLs live under the reserved `.invalid` top-level domain (RFC 2606), one host
 * per outlet: https://<outlet>.sample.invalid/<path> is the file samples/<outlet>/<path>
 * (a path ending in "/" means its index.html; a missing file is tried again as <path>.html). Nothing else is served: other hosts, "..",
 * and symlinks leaving the outlet's folder are refused, so a sample source can never
 * read outside samples/.
 */
import { readFile, realpath } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { extname, join, sep } from 'node:path';
import type { FetchOptions, FetchResult, Fetcher } from './fetch.ts';

export const SAMPLE_HOST_SUFFIX = '.sample.invalid';
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

const TYPES: Record<string, string> = {
  '.xml': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function isSampleUrl(url: string): boolean {
  try {
    return new URL(url).hostname.endsWith(SAMPLE_HOST_SUFFIX);
  } catch {
    return false;
  }
}

export function createSampleFetcher(root = SAMPLES_DIR): Fetcher {
  async function fetchSample(url: string, _opts: FetchOptions = {}): Promise<FetchResult> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { kind: 'network-error', message: `not a URL: "${url}"`, finalUrl: url };
    }
    const outlet = u.hostname.endsWith(SAMPLE_HOST_SUFFIX) ? u.hostname.slice(0, -SAMPLE_HOST_SUFFIX.length) : '';
    if (!/^[a-z0-9-]+$/.test(outlet) || u.protocol !== 'https:') return { kind: 'blocked', reason: `${u.host} is not a sample outlet`, finalUrl: url };
    let path: string;
    try {
      path = decodeURIComponent(u.pathname);
    } catch {
      return { kind: 'http-error', status: 400, finalUrl: url };
    }
    if (path.endsWith('/')) path += 'index.html';
    if (path.split('/').some((p) => p === '..' || p.startsWith('.'))) return { kind: 'blocked', reason: 'path outside the sample outlet', finalUrl: url };
    const outletDir = join(root, outlet);
    const file = join(outletDir, ...path.split('/').filter(Boolean));
    try {
      // Extension-less article URLs ("clean URLs") are stored as <path>.html.
      const real = await realpath(file).catch(() => realpath(`${file}.html`));
      const realDir = await realpath(outletDir);
      if (!real.startsWith(realDir + sep)) return { kind: 'blocked', reason: 'path outside the sample outlet', finalUrl: url };
      const bytes = await readFile(real);
      const type = TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
      return { kind: 'ok', status: 200, finalUrl: url, headers: { 'content-type': type }, bytes, redirects: 0 };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return { kind: 'http-error', status: 404, finalUrl: url };
      return { kind: 'network-error', message: (err as Error).message, finalUrl: url };
    }
  }
  return { fetch: fetchSample, close: async () => undefined };
}
