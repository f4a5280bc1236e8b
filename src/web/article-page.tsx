/**
 * The article page: the outlet's article (title, outlet, byline, time, lead image, body with
 * sentence anchors, link to the original), then hashtags, the AI panel, comments and
 * related articles. Each block renders only when its data exists.
 */
import { raw } from 'hono/html';
import type { User } from '../store/users.ts';
import type { ArticleCard, ArticleDetail } from '../store/pages.ts';
import type { CommentNode } from '../store/comments.ts';
import { entitySlug } from '../store/reads.ts';
import type { AskResult } from '../read/types.ts';
import { Layout, TimeAgo, CsrfField } from './layout.tsx';
import { CommentsSection } from './comments.tsx';
import type { BodyHtml } from './body.ts';
import type { ReadView } from './read-view.ts';
import { ENTITY_KINDS } from './read-view.ts';
import { hostOf, safeHttpUrl } from './format.ts';

export interface ArticlePageProps {
  user: User | null;
  csrf: string;
  now: number;
  article: ArticleDetail;
  read: ReadView | null;
  body: BodyHtml;
  hashtags: { tag: string; key: string }[];
  copies: ArticleCard[];
  related: ArticleCard[];
  comments: { roots: CommentNode[]; total: number };
  isSaved: boolean;
  ask?: { question: string; result: AskResult | null; error?: string };
  commentError?: string;
}

function Cite(props: { read: ReadView; sentence: number }) {
  const text = props.read.sentences[props.sentence];
  if (text === undefined) return null;
  return (
    <a class="cite" href={`#s-${props.sentence}`} title={text} aria-label={`Source sentence ${props.sentence}: ${text}`}>
      ¶{props.sentence}
    </a>
  );
}

function EntityList(props: { read: ReadView; key2: keyof typeof ENTITY_KINDS; label: string }) {
  const items = props.read.entities[props.key2];
  if (!items.length) return null;
  const kind = ENTITY_KINDS[props.key2];
  return (
    <>
      <h3>{props.label}</h3>
      <ul class="chips">
        {items.slice(0, 12).map((e) => (
          <li>
            <a class="chip" href={`/entities/${kind}/${encodeURIComponent(entitySlug(e.name))}`} title={e.aliases.length ? `Also: ${e.aliases.join(', ')}` : undefined}>
              {e.name}
              {e.mentions > 1 && <span class="muted"> ×{e.mentions}</span>}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function AskAnswer(props: { result: AskResult; read: ReadView }) {
  return (
    <>
      <p class="answer-text">{props.result.answer}</p>
      {props.result.citations.length > 0 && (
        <ul class="answer-citations">
          {props.result.citations.map((c) => (
            <li>
              <a href={`#s-${c.sentence}`}>{c.text}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AiPanel(props: ArticlePageProps & { read: ReadView }) {
  const { read, article } = props;
  const speakers = new Map<string, { text: string; sentence: number }[]>();
  for (const q of read.quotes) {
    const k = q.speaker ?? 'Unattributed';
    speakers.set(k, [...(speakers.get(k) ?? []), { text: q.text, sentence: q.sentence }]);
  }
  const hasEntities = read.entities.people.length + read.entities.organizations.length + read.entities.places.length > 0;
  return (
    <aside class="ai-panel" aria-labelledby="ai-title">
      <h2 id="ai-title">What Tidings AI can do for you</h2>
      <p class="muted small">Read by Tidings from the article's own sentences; every item links to the sentence it comes from.</p>
      {read.summary.length > 0 && (
        <section class="summary">
          <h3>Summary</h3>
          <ol>
            {read.summary.map((s) => (
              <li>
                <a href={`#s-${s.sentence}`} title={read.sentences[s.sentence]}>
                  {s.text}
                </a>
              </li>
            ))}
          </ol>
        </section>
      )}
      {hasEntities && (
        <section class="entities">
          <EntityList read={read} key2="people" label="People" />
          <EntityList read={read} key2="organizations" label="Organisations" />
          <EntityList read={read} key2="places" label="Places" />
        </section>
      )}
      {read.timeline.length > 0 && (
        <section>
          <h3>Timeline</h3>
          <ol class="timeline">
            {read.timeline.map((t) => (
              <li>
                <time datetime={t.date}>{t.text || t.date}</time>
                {t.event}
                <Cite read={read} sentence={t.sentence} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {speakers.size > 0 && (
        <section>
          <h3>Quotes</h3>
          {[...speakers].map(([speaker, quotes]) => (
            <div class="speaker">
              <strong>{speaker}</strong>
              {quotes.map((q) => (
                <blockquote>
                  “{q.text}”<Cite read={read} sentence={q.sentence} />
                </blockquote>
              ))}
            </div>
          ))}
        </section>
      )}
      {read.figures.length > 0 && (
        <section>
          <h3>Figures</h3>
          <ul>
            {read.figures.map((f) => (
              <li>
                <strong>{f.text}</strong>
                {f.what && <span class="muted"> ({f.what})</span>}
                <Cite read={read} sentence={f.sentence} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="ask">
        <h3>
          <label for="ask-q">Ask about this article</label>
        </h3>
        <form method="post" action={`/articles/${article.id}/ask`} data-ask>
          <CsrfField token={props.csrf} />
          <input id="ask-q" type="text" name="question" maxlength={300} required placeholder="Who, what, when, how many…" value={props.ask?.question ?? ''} />
          <button type="submit">Ask</button>
        </form>
        <div id="answer" class="answer" aria-live="polite" hidden={!props.ask}>
          {props.ask?.error && <p>{props.ask.error}</p>}
          {props.ask?.result && <AskAnswer result={props.ask.result} read={read} />}
        </div>
      </section>
    </aside>
  );
}

export function ArticlePage(props: ArticlePageProps) {
  const { article: a, read, now, user } = props;
  const img = safeHttpUrl(a.imageUrl);
  const original = safeHttpUrl(a.url);
  const isCopy = a.duplicateOf !== null;
  return (
    <Layout title={a.title} user={user} csrf={props.csrf} description={a.excerpt ?? undefined} canonical={safeHttpUrl(a.canonicalUrl) ?? undefined} feed={a.storyId !== null ? { title: 'This story', base: `/stories/${a.storyId}/feed` } : undefined}>
      <div class="article-layout">
        <article class="article" lang={a.lang && a.lang !== 'und' ? a.lang : undefined}>
          <header>
            {a.outletId !== null ? (
              <a class="outlet" href={`/outlets/${a.outletId}`}>
                {a.outlet ?? hostOf(a.url)}
              </a>
            ) : (
              <span class="outlet">{a.outlet ?? hostOf(a.url)}</span>
            )}
            <h1 id="s-0">{a.title}</h1>
            <div class="byline">
              {a.byline && <span class="author">By {a.byline}</span>}
              <TimeAgo t={a.publishedAt} now={now} />
              {a.storyId !== null && <a href={`/stories/${a.storyId}`}>Full coverage</a>}
            </div>
          </header>
          {img && (
            <figure class="lead-image">
              <img src={img} alt="" loading="lazy" referrerpolicy="no-referrer" decoding="async" />
            </figure>
          )}
          {props.copies.length > 0 && (
            <div class="copies">
              {isCopy ? 'The same report was also published by:' : 'Also published by:'}
              <ul>
                {props.copies.map((c) => (
                  <li>
                    <a href={`/articles/${c.id}`}>{c.outlet ?? hostOf(c.url)}</a> <TimeAgo t={c.publishedAt} now={now} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div class="article-body">{props.body ? raw(props.body) : <p class="muted">The text of this article has not been fetched yet.</p>}</div>
          <div class="actions">
            {original && (
              <p class="original">
                <a href={original} rel="noopener noreferrer">
                  Read the original at {a.outlet ?? hostOf(original)}
                </a>
              </p>
            )}
            {user && (
              <form class="inline" method="post" action={`/articles/${a.id}/save`}>
                <CsrfField token={props.csrf} />
                <input type="hidden" name="on" value={props.isSaved ? '0' : '1'} />
                <button type="submit" class="secondary">
                  {props.isSaved ? 'Saved ✓ (remove)' : 'Save for later'}
                </button>
              </form>
            )}
          </div>
        </article>
        {props.hashtags.length > 0 && (
          <section class="hashtags" aria-labelledby="tags-title">
            <h2 id="tags-title">Hashtags</h2>
            <ul class="chips">
              {props.hashtags.map((h) => (
                <li>
                  <a class="chip" href={`/hashtags/${encodeURIComponent(h.key)}`}>
                    #{h.tag}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {read && <AiPanel {...props} read={read} />}
        <CommentsSection articleId={a.id} user={user} csrf={props.csrf} now={now} thread={props.comments} error={props.commentError} />
        {props.related.length > 0 && (
          <section class="related" aria-labelledby="related-title">
            <h2 id="related-title">Related Articles</h2>
            <ol class="cards">
              {props.related.map((r) => (
                <li class="card" data-nav-item>
                  <div class="meta">
                    {r.outletId !== null ? <a href={`/outlets/${r.outletId}`}>{r.outlet}</a> : <span>{r.outlet}</span>}
                    <TimeAgo t={r.publishedAt} now={now} />
                  </div>
                  <div>
                    <h3>
                      <a href={`/articles/${r.id}`} data-nav-link>
                        {r.title}
                      </a>
                    </h3>
                    {r.excerpt && <p>{r.excerpt}</p>}
                  </div>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </Layout>
  );
}
