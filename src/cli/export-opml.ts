import { parseCommandArgs } from './args.ts';
import { openRuntime } from '../runtime.ts';
import { serializeOpml } from '../ingest/opml.ts';
import { listSources } from '../store/sources.ts';

export const help = `Usage: tidings export-opml [--all]

Prints the outlets followed as OPML 2.0 (folders as nested outlines), for another
feed reader or for \`tidings import-opml\`. Bundled sample outlets and outlets
marked gone are left out unless --all is given.

Options:
  --all       include sample and gone outlets
  -h, --help  show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { all: { type: 'boolean' } }, help);
  if (!args) return 0;
  const { store } = await openRuntime();
  try {
    const sources = (await listSources(store)).filter((s) => args.values.all || (s.kind !== 'sample' && s.status !== 'gone'));
    console.log(serializeOpml(sources.map((s) => ({ name: s.name, feedUrl: s.feedUrl, siteUrl: s.siteUrl, folder: s.folder, kind: s.kind === 'page' ? 'page' : 'feed' }))).trimEnd());
    return 0;
  } finally {
    await store.close();
  }
}
