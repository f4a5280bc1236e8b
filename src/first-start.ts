/**
 * What happens on the first start of an empty database. The ingest issue adds the
 * bundled sample outlets here (TIDINGS_SAMPLES=0 turns that off); until then nothing.
 */
import type { Store } from './store/db.ts';
import type { Config } from './config.ts';

export async function onFirstStart(_deps: { store: Store; config: Config }): Promise<void> {}
