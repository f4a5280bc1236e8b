import { runReport } from '../scripts/report.ts';
await runReport('eval', 'eval', 'docs/QUALITY.md', 'Tidings quality', process.argv.slice(2));
