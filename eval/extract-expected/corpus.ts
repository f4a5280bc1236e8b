import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The readability-test-pages corpus: `../shared/corpora/...` beside the repository (as in
 * CI), else /work/shared. The corpus is read where it is, never copied into the repo.
 */
export function corpusDir(): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const candidates = [
    resolve(repoRoot, '..', 'shared', 'corpora', 'readability-test-pages'),
    '/work/shared/corpora/readability-test-pages',
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`corpus not found; looked in ${candidates.join(', ')}`);
  return found;
}
