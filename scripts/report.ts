/**
 * Shared runner for `npm run bench` and `npm run eval`. Each part is a module
 * (bench/*.bench.ts or eval/*.eval.ts) exporting `title` and `run()`, which returns
 * Markdown. The runner writes each part's Markdown into its own marked section of the
 * report file, so running one part (`npm run eval -- feeds`) leaves the others as they were.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

export interface ReportPart {
  title: string;
  /** Returns the Markdown body of this part (tables, notes). */
  run(): Promise<string>;
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node.js ${process.version}`;
}

export async function runReport(kind: 'bench' | 'eval', dir: string, outFile: string, heading: string, args: string[]) {
  const suffix = `.${kind}.ts`;
  const all = readdirSync(dir).filter((f) => f.endsWith(suffix)).sort();
  const wanted = args.filter((a) => !a.startsWith('-'));
  const selected = wanted.length ? all.filter((f) => wanted.includes(basename(f, suffix))) : all;
  if (wanted.length && selected.length !== wanted.length) {
    console.error(`unknown part(s); available: ${all.map((f) => basename(f, suffix)).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  mkdirSync(dirname(outFile), { recursive: true });
  const fresh = `# ${heading}\n\nWritten by \`npm run ${kind}\`; each section says when and on what machine it was measured.\n`;
  for (const file of selected) {
    const name = basename(file, suffix);
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as ReportPart;
    console.error(`[${kind}] ${name}: running`);
    const started = Date.now();
    let body: string;
    try {
      body = await mod.run();
    } catch (err) {
      console.error(`[${kind}] ${name}: failed`, err);
      process.exitCode = 1;
      continue;
    }
    const section = `<!-- section:${name} -->\n## ${mod.title}\n\n_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineLine()}; took ${((Date.now() - started) / 1000).toFixed(1)} s._\n\n${body.trim()}\n<!-- /section:${name} -->`;
    const re = new RegExp(`<!-- section:${name} -->[\\s\\S]*?<!-- /section:${name} -->`);
    // Read the file again just before writing: another part may have run meanwhile.
    let doc = existsSync(outFile) ? readFileSync(outFile, 'utf8') : fresh;
    doc = re.test(doc) ? doc.replace(re, () => section) : `${doc.trimEnd()}\n\n${section}\n`;
    writeFileSync(outFile, doc);
    console.log(body.trim() + '\n');
  }
}

/** Formats rows as a Markdown table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v);
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(fmt).join(' | ')} |`)].join('\n');
}
