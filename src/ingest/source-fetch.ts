/**
 * How a source's URLs are fetched, by source kind: bundled samples from files, every
 * other kind over the network through the polite, guarded fetcher. Job handlers call
 * this and never choose a fetcher themselves.
 */
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import type { SourceKind } from '../store/sources.ts';
import { fetcherFor, type FetchOptions } from './fetch.ts';
import { politeFetch, type PoliteResult } from './polite.ts';
import { createSampleFetcher } from './sample-fetch.ts';

const sampleFetcher = createSampleFetcher();

export async function fetchForSource(
  deps: { store: Store; config: Config },
  kind: SourceKind | null,
  url: string,
  opts: { honourRobots: boolean; fetchOptions?: FetchOptions },
): Promise<PoliteResult> {
  if (kind === 'sample') return sampleFetcher.fetch(url, opts.fetchOptions);
  return politeFetch({ store: deps.store, config: deps.config, fetcher: fetcherFor(deps.config), url, honourRobots: opts.honourRobots, fetchOptions: opts.fetchOptions });
}
