/**
 * LLM mode: summaries and answers from an OpenAI-compatible chat completions endpoint
 * (POST {baseUrl}/chat/completions). The prompt numbers the article's sentences and asks
 * for JSON that cites sentence numbers; the reply is validated with zod and every cited
 * number must exist. Any failure (timeout, HTTP error, bad JSON, missing or invalid
 * citations) falls back to the offline engine, so callers always get a result.
 */
import { z } from 'zod';
import { readArticle } from './index.ts';
import { askArticle } from './ask.ts';
import type { AskResult, ReadInput, ReadResult, SummaryEntry } from './types.ts';
import { NO_ANSWER } from './types.ts';

export interface LlmOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  /** Called with the reason whenever the offline engine is used instead. */
  onFallback?: (reason: string) => void;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export type LlmOutcome<T> = { kind: 'ok'; value: T } | { kind: 'failed'; reason: string };

/** The LLM settings of the configuration (src/config.ts names them); null when no endpoint is set. */
export interface LlmSettings {
  TIDINGS_LLM_BASE_URL?: string;
  TIDINGS_LLM_MODEL?: string;
  TIDINGS_LLM_API_KEY?: string;
  TIDINGS_LLM_TIMEOUT_MS: number;
}

export function llmOptionsFromConfig(config: LlmSettings, onFallback?: (reason: string) => void): LlmOptions | null {
  if (!config.TIDINGS_LLM_BASE_URL || !config.TIDINGS_LLM_MODEL) return null;
  return { baseUrl: config.TIDINGS_LLM_BASE_URL, model: config.TIDINGS_LLM_MODEL, apiKey: config.TIDINGS_LLM_API_KEY || undefined, timeoutMs: config.TIDINGS_LLM_TIMEOUT_MS, onFallback };
}

/**
 * Reads TIDINGS_LLM_* straight from the environment for the stand-alone `read`/`ask`
 * commands, leniently: an unusable timeout falls back to the configuration's default
 * (20 s) instead of failing the command.
 */
export function llmOptionsFromEnv(env: Record<string, string | undefined>): LlmOptions | null {
  const timeoutMs = Number(env.TIDINGS_LLM_TIMEOUT_MS ?? 20_000);
  return llmOptionsFromConfig(
    {
      TIDINGS_LLM_BASE_URL: env.TIDINGS_LLM_BASE_URL?.trim(),
      TIDINGS_LLM_MODEL: env.TIDINGS_LLM_MODEL?.trim(),
      TIDINGS_LLM_API_KEY: env.TIDINGS_LLM_API_KEY,
      TIDINGS_LLM_TIMEOUT_MS: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : 20_000,
    },
    (reason) => process.stderr.write(`tidings: LLM unavailable (${reason}); used the offline engine\n`),
  );
}

const ChatReply = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

const SummaryReply = z.object({
  summary: z
    .array(z.object({ text: z.string().trim().min(1), sentence: z.number().int() }))
    .min(1)
    .max(6),
});

const AnswerReply = z.object({
  answer: z.string().trim().nullable(),
  citations: z.array(z.number().int()).default([]),
});

function numbered(sentences: string[]): string {
  return sentences.map((s, i) => `[${i}] ${s}`).join('\n');
}

/** Pulls the JSON object out of a reply that may be wrapped in a code fence or prose. */
function parseJsonContent(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(content);
  const raw = (fenced ? fenced[1]! : content).trim();
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('no JSON object in reply');
  return JSON.parse(raw.slice(start, end + 1));
}

async function chat(opts: LlmOptions, system: string, user: string): Promise<LlmOutcome<unknown>> {
  const doFetch = opts.fetch ?? fetch;
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
      body: JSON.stringify({
        model: opts.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
      }),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    const name = (err as Error).name;
    return { kind: 'failed', reason: name === 'TimeoutError' || name === 'AbortError' ? `timeout after ${opts.timeoutMs} ms` : `request failed: ${(err as Error).message}` };
  }
  let body: unknown;
  try {
    if (!res.ok) {
      await res.body?.cancel();
      return { kind: 'failed', reason: `HTTP ${res.status}` };
    }
    body = await res.json();
  } catch (err) {
    const name = (err as Error).name;
    return { kind: 'failed', reason: name === 'TimeoutError' || name === 'AbortError' ? `timeout after ${opts.timeoutMs} ms` : `bad response body: ${(err as Error).message}` };
  }
  const reply = ChatReply.safeParse(body);
  if (!reply.success) return { kind: 'failed', reason: 'reply is not a chat completion' };
  try {
    return { kind: 'ok', value: parseJsonContent(reply.data.choices[0]!.message.content ?? '') };
  } catch (err) {
    return { kind: 'failed', reason: `bad JSON in reply: ${(err as Error).message}` };
  }
}

const SUMMARY_SYSTEM = `You summarise news articles for readers. You get the article as numbered sentences.
Write 3 to 5 short summary sentences that state the most important facts, each supported by one numbered sentence.
Use only facts from the article. Reply with JSON only, in this shape:
{"summary":[{"text":"...","sentence":<number of the sentence it is based on>}]}`;

/** Asks the LLM for a summary of already split sentences; validates every citation. */
export async function llmSummary(sentences: string[], opts: LlmOptions): Promise<LlmOutcome<SummaryEntry[]>> {
  if (!sentences.length) return { kind: 'failed', reason: 'no sentences' };
  const out = await chat(opts, SUMMARY_SYSTEM, `Article:\n${numbered(sentences)}`);
  if (out.kind === 'failed') return out;
  const parsed = SummaryReply.safeParse(out.value);
  if (!parsed.success) return { kind: 'failed', reason: 'reply does not match {"summary":[{"text","sentence"}]}' };
  const bad = parsed.data.summary.find((e) => e.sentence < 0 || e.sentence >= sentences.length);
  if (bad) return { kind: 'failed', reason: `summary cites sentence ${bad.sentence}, which does not exist` };
  return { kind: 'ok', value: parsed.data.summary.map((e) => ({ text: e.text, sentence: e.sentence })) };
}

const ANSWER_SYSTEM = `You answer questions about one news article, given as numbered sentences.
Answer with the shortest exact span that answers (a name, a date, a number, a short phrase), not a whole sentence.
Cite the numbers of the sentences that support the answer. If the article does not answer the question, reply {"answer":null,"citations":[]}.
Reply with JSON only: {"answer":"...","citations":[<sentence numbers>]}`;

/** Asks the LLM one question about a read article; validates every citation. */
export async function llmAnswer(read: ReadResult, question: string, opts: LlmOptions): Promise<LlmOutcome<AskResult>> {
  const out = await chat(opts, ANSWER_SYSTEM, `Article:\n${numbered(read.sentences)}\n\nQuestion: ${question}`);
  if (out.kind === 'failed') return out;
  const parsed = AnswerReply.safeParse(out.value);
  if (!parsed.success) return { kind: 'failed', reason: 'reply does not match {"answer","citations"}' };
  const { answer, citations } = parsed.data;
  if (answer === null || answer === '' || /does not say|not mentioned|no answer/i.test(answer)) return { kind: 'ok', value: { answer: NO_ANSWER, citations: [] } };
  if (!citations.length) return { kind: 'failed', reason: 'answer without citations' };
  const bad = citations.find((n) => n < 0 || n >= read.sentences.length);
  if (bad !== undefined) return { kind: 'failed', reason: `answer cites sentence ${bad}, which does not exist` };
  const uniq = [...new Set(citations)].sort((a, b) => a - b);
  return { kind: 'ok', value: { answer, citations: uniq.map((n) => ({ sentence: n, text: read.sentences[n]! })) } };
}

/** `readArticle` with the summary from the LLM; on any LLM failure the offline summary stays. */
export async function readArticleWithLlm(input: ReadInput, opts: LlmOptions): Promise<ReadResult> {
  const read = readArticle(input);
  const out = await llmSummary(read.sentences, opts);
  if (out.kind === 'failed') {
    opts.onFallback?.(out.reason);
    return read;
  }
  return { ...read, summary: out.value };
}

/** `askArticle` through the LLM; on any LLM failure the offline answer is returned. */
export async function askWithLlm(read: ReadResult, question: string, opts: LlmOptions): Promise<AskResult> {
  const out = await llmAnswer(read, question, opts);
  if (out.kind === 'failed') {
    opts.onFallback?.(out.reason);
    return askArticle(read, question);
  }
  return out.value;
}
