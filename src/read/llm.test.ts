import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readArticleWithLlm, askWithLlm, llmOptionsFromEnv, type LlmOptions } from './llm.ts';
import { readArticle } from './index.ts';
import { askArticle } from './ask.ts';
import { NO_ANSWER } from './types.ts';

const article = {
  title: 'Floods cut off northern towns',
  text: 'Floods cut off three northern towns on Tuesday after the Vell river burst its banks, officials said.\nRescue teams evacuated more than 2,000 residents from Marrow and Tessby overnight.\nEmergency services said at least 400 homes were damaged.\nThe mayor of Tessby, Anna Berg, asked for government help.',
};

/** What the fake server answers next: a chat completion content string, a status, or a stall. */
let reply: { content?: string; status?: number; stallMs?: number; raw?: string } = {};
const seen: { body: { model: string; messages: { role: string; content: string }[] }; auth?: string }[] = [];
let server: Server;
let baseUrl = '';

before(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      seen.push({ body: JSON.parse(data), auth: req.headers.authorization });
      const send = () => {
        if (reply.status) {
          res.writeHead(reply.status, { 'content-type': 'application/json' }).end('{"error":"boom"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(reply.raw ?? JSON.stringify({ choices: [{ message: { role: 'assistant', content: reply.content ?? '' } }] }));
      };
      if (reply.stallMs) setTimeout(send, reply.stallMs).unref();
      else send();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function opts(extra: Partial<LlmOptions> = {}): LlmOptions & { reasons: string[] } {
  const reasons: string[] = [];
  return { baseUrl, model: 'test-model', apiKey: 'sk-test', timeoutMs: 2000, onFallback: (r) => reasons.push(r), reasons, ...extra };
}

test('LLM summary: a good reply is used; the prompt numbers the sentences', async () => {
  reply = { content: JSON.stringify({ summary: [{ text: 'Floods cut off three towns.', sentence: 1 }, { text: 'Over 2,000 people were evacuated.', sentence: 2 }, { text: 'At least 400 homes were damaged.', sentence: 3 }] }) };
  const o = opts();
  const r = await readArticleWithLlm(article, o);
  assert.deepEqual(r.summary.map((s) => s.sentence), [1, 2, 3]);
  assert.equal(r.summary[0]!.text, 'Floods cut off three towns.');
  assert.deepEqual(o.reasons, []);
  const last = seen[seen.length - 1]!;
  assert.equal(last.body.model, 'test-model');
  assert.equal(last.auth, 'Bearer sk-test');
  assert.match(last.body.messages[1]!.content, /\[1\] Floods cut off three northern towns/);
});

test('LLM summary: JSON inside a code fence is accepted', async () => {
  reply = { content: '```json\n{"summary":[{"text":"Floods.","sentence":1},{"text":"Evacuations.","sentence":2},{"text":"Damage.","sentence":3}]}\n```' };
  const r = await readArticleWithLlm(article, opts());
  assert.equal(r.summary[1]!.text, 'Evacuations.');
});

const offline = readArticle(article);
const fallbacks: { name: string; reply: typeof reply; reason: RegExp }[] = [
  { name: 'bad JSON', reply: { content: 'Here is a summary: floods everywhere.' }, reason: /JSON/ },
  { name: 'invalid citation', reply: { content: JSON.stringify({ summary: [{ text: 'Made up.', sentence: 42 }] }) }, reason: /sentence 42/ },
  { name: 'wrong shape', reply: { content: JSON.stringify({ bullets: ['a', 'b'] }) }, reason: /does not match/ },
  { name: 'HTTP error', reply: { status: 500 }, reason: /HTTP 500/ },
  { name: 'not a chat completion', reply: { raw: '{"ok":true}' }, reason: /chat completion/ },
  { name: 'timeout', reply: { stallMs: 1500 }, reason: /timeout/ },
];
for (const f of fallbacks) {
  test(`LLM summary falls back to the offline engine on ${f.name}`, async () => {
    reply = f.reply;
    const o = opts({ timeoutMs: 300 });
    const r = await readArticleWithLlm(article, o);
    assert.deepEqual(r.summary, offline.summary);
    assert.equal(o.reasons.length, 1);
    assert.match(o.reasons[0]!, f.reason);
  });
}

test('LLM unreachable (connection refused) falls back', async () => {
  const o = opts({ baseUrl: 'http://127.0.0.1:1/v1' });
  const r = await readArticleWithLlm(article, o);
  assert.deepEqual(r.summary, offline.summary);
  assert.match(o.reasons[0]!, /request failed/);
});

test('LLM answer: good reply with citations carrying the sentence text', async () => {
  reply = { content: JSON.stringify({ answer: 'more than 2,000', citations: [2] }) };
  const r = await askWithLlm(offline, 'How many residents were evacuated?', opts());
  assert.deepEqual(r, { answer: 'more than 2,000', citations: [{ sentence: 2, text: offline.sentences[2]! }] });
});

test('LLM answer: null answer means the article does not say', async () => {
  reply = { content: JSON.stringify({ answer: null, citations: [] }) };
  assert.deepEqual(await askWithLlm(offline, 'Who owns the river?', opts()), { answer: NO_ANSWER, citations: [] });
});

test('LLM answer: invalid or missing citations fall back to the offline answer', async () => {
  const q = 'How many residents were evacuated?';
  for (const content of [JSON.stringify({ answer: '2,000', citations: [99] }), JSON.stringify({ answer: '2,000', citations: [] }), 'nope']) {
    reply = { content };
    const o = opts();
    assert.deepEqual(await askWithLlm(offline, q, o), askArticle(offline, q));
    assert.equal(o.reasons.length, 1);
  }
});

test('llmOptionsFromEnv needs a base URL and a model', () => {
  assert.equal(llmOptionsFromEnv({}), null);
  assert.equal(llmOptionsFromEnv({ TIDINGS_LLM_BASE_URL: 'http://x' }), null);
  const o = llmOptionsFromEnv({ TIDINGS_LLM_BASE_URL: 'http://x/v1', TIDINGS_LLM_MODEL: 'm', TIDINGS_LLM_TIMEOUT_MS: '1234' });
  assert.equal(o?.timeoutMs, 1234);
  assert.equal(o?.apiKey, undefined);
});
