#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `tidings` works without a build step, from
// any working directory (the tsx loader is resolved from this package, not the cwd).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const loader = pathToFileURL(join(dirname(createRequire(join(root, 'package.json')).resolve('tsx/package.json')), 'dist/loader.mjs')).href;
const r = spawnSync(process.execPath, ['--import', loader, join(root, 'src/cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
