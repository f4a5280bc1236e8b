import { parseCommandArgs, UsageError } from './args.ts';
import { openRuntime } from '../runtime.ts';
import { createFetcher, settingsFromConfig } from '../ingest/fetch.ts';
import { resolveSubscription } from '../ingest/subscribe.ts';
import { addSource } from '../store/sources.ts';
import { enqueuePoll } from '../jobs/poll-source.ts';

export const help = `Usage: tidings add URL [--name NAME] [--folder FOLDER] [--json]

Follows an outlet. URL may be a feed (RSS, Atom, RDF, JSON Feed) or a page of the
site: its announced feed is found (<link rel="alternate">), else a feed at a common
path (/feed, /rss, /rss.xml, /atom.xml, /feed.xml, /index.xml, ...). An outlet with
no feed is followed as a web page: links on it that look like articles become items.
The outlet is named from the feed's title or the site's name unless --name is given.
The first poll is queued at once (run by \`tidings serve\`, \`tidings worker\` or
\`tidings fetch\`).

Options:
  --name NAME      name of the outlet
  --folder FOLDER  folder (category) to file it under; "a/b" nests
  --json           print the new source as JSON
  -h, --help       show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { name: { type: 'string' }, folder: { type: 'string' }, json: { type: 'boolean' } }, help, { allowPositionals: true });
  if (!args) return 0;
  if (args.positionals.length !== 1) throw new UsageError('add needs exactly one URL');
  const url = args.positionals[0];
  if (args.values.name !== undefined && !args.values.name.trim()) throw new UsageError('--name must not be empty');
  const { config, store } = await openRuntime();
  const fetcher = createFetcher(settingsFromConfig(config));
  try {
    const resolved = await resolveSubscription(url, fetcher);
    if (!resolved.ok) {
      console.error(`tidings add: ${resolved.error}`);
      return 1;
    }
    const sub = resolved.subscription;
    const now = Date.now();
    const { source, created } = await addSource(store, { name: args.values.name?.trim() || sub.name, feedUrl: sub.feedUrl, siteUrl: sub.siteUrl, kind: sub.kind, folder: args.values.folder?.trim() || null, nextFetchAt: now }, now);
    if (created) await enqueuePoll(store, source.id, now);
    if (args.values.json) console.log(JSON.stringify({ created, source }));
    else if (!created) console.log(`already following #${source.id} ${source.name} (${source.feedUrl})`);
    else {
      const how = sub.kind === 'page' ? `web page, ${sub.articleLinks} article links found` : `feed, found ${sub.via === 'direct' ? 'at the URL given' : sub.via === 'autodiscovery' ? 'announced by the page' : 'at a common path'}`;
      console.log(`added #${source.id} ${source.name}\n  ${source.feedUrl} (${how})${source.folder ? `\n  folder: ${source.folder}` : ''}\n  first poll queued`);
    }
    return 0;
  } finally {
    await fetcher.close();
    await store.close();
  }
}
