import { runReport } from '../scripts/report.ts';
await runReport('bench', 'bench', 'docs/BENCHMARKS.md', 'Tidings benchmarks', process.argv.slice(2));
