/** The OpenAPI 3.1 description of /api/v1, written by hand beside the routes in api.ts. */

const error = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' } },
});
const ok = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const q = (name: string, schema: object, description: string, required = false) => ({ name, in: 'query', required, description, schema });
const cursorParams = [q('cursor', { type: 'string' }, 'Opaque cursor from a previous page.'), q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Items per page.')];
const idPath = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Tidings API', version: '1.0.0', description: 'News articles with their reading results (summary, entities, timeline, quotes, figures, each citing its sentence), stories, outlets, search and comments. Errors are always `{ "error": { "id", "message" } }`.' },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'A personal API token created on the account page.' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['id', 'message'], properties: { id: { type: 'string', examples: ['not-found', 'bad-request', 'bad-cursor', 'unauthorized', 'too-large', 'rate-limited'] }, message: { type: 'string' } } } } },
        Outlet: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, siteUrl: { type: ['string', 'null'] }, feedUrl: { type: 'string' }, status: { type: 'string' }, link: { type: 'string' } } },
        ArticleCard: {
          type: 'object',
          properties: {
            id: { type: 'integer' }, title: { type: 'string' }, url: { type: 'string', description: 'The original article' }, link: { type: 'string', description: 'The article on Tidings' },
            outlet: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' } } }, publishedAt: { type: ['string', 'null'], format: 'date-time' },
            excerpt: { type: ['string', 'null'] }, imageUrl: { type: ['string', 'null'] }, commentCount: { type: 'integer' }, storyId: { type: ['integer', 'null'] }, duplicateOf: { type: ['integer', 'null'] },
          },
        },
        Article: { allOf: [{ $ref: '#/components/schemas/ArticleCard' }, { type: 'object', properties: { byline: { type: ['string', 'null'] }, text: { type: ['string', 'null'] }, hashtags: { type: 'array', items: { type: 'string' } }, entities: { type: 'array', items: { type: 'object' } }, read: { type: ['object', 'null'], description: 'ReadResult: sentences (0 = title), summary, hashtags, entities, timeline, quotes, figures; every `sentence` indexes `sentences`.' } } }] },
        Story: { type: 'object', properties: { id: { type: 'integer' }, headline: { type: 'string' }, link: { type: 'string' }, articleCount: { type: 'integer' }, outletCount: { type: 'integer' }, outlets: { type: 'array', items: { type: 'string' } }, firstAt: { type: ['string', 'null'] }, latestAt: { type: ['string', 'null'] } } },
        SearchHit: { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' }, url: { type: 'string' }, link: { type: 'string' }, snippetHtml: { type: 'string', description: 'Escaped text with <mark> around matches.' }, publishedAt: { type: ['string', 'null'] } } },
        Comment: { type: 'object', properties: { id: { type: 'integer' }, articleId: { type: 'integer' }, parentId: { type: ['integer', 'null'] }, author: { type: 'string' }, body: { type: 'string', description: 'Plain text.' }, createdAt: { type: 'string' }, editedAt: { type: ['string', 'null'] } } },
        Hashtag: { type: 'object', properties: { tag: { type: 'string' }, key: { type: 'string' }, count: { type: 'integer' }, link: { type: 'string' } } },
      },
    },
    paths: {
      '/articles': { get: { summary: 'Latest articles', parameters: [...cursorParams, q('outlet', { type: 'integer' }, 'Outlet id'), q('hashtag', { type: 'string' }, 'Hashtag')], responses: { 200: ok(page('ArticleCard')), 400: errorResponse('Bad parameters or cursor') } } },
      '/articles/{id}': { get: { summary: 'One article with its reading result', parameters: [idPath], responses: { 200: ok({ $ref: '#/components/schemas/Article' }), 404: errorResponse('No such article') } } },
      '/articles/{id}/comments': {
        get: { summary: 'Visible comments, oldest first', parameters: [idPath, ...cursorParams], responses: { 200: ok(page('Comment')), 404: errorResponse('No such article') } },
        post: {
          summary: 'Post a comment',
          security: [{ token: [] }],
          parameters: [idPath],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['body'], additionalProperties: false, properties: { body: { type: 'string', minLength: 1, maxLength: 5000 }, parentId: { type: ['integer', 'null'] } } } } } },
          responses: { 201: ok({ $ref: '#/components/schemas/Comment' }, 'Created'), 400: errorResponse('Invalid comment'), 401: errorResponse('Missing or invalid token'), 403: errorResponse('Banned'), 413: errorResponse('Body too large'), 429: errorResponse('Rate limited') },
        },
      },
      '/stories': { get: { summary: 'Stories, most recently updated first', parameters: cursorParams, responses: { 200: ok(page('Story')) } } },
      '/stories/{id}': { get: { summary: 'One story with its facts and articles (a merged id answers 301)', parameters: [idPath], responses: { 200: ok({ $ref: '#/components/schemas/Story' }), 301: { description: 'Merged into another story' }, 404: errorResponse('No such story') } } },
      '/outlets': { get: { summary: 'Every outlet', responses: { 200: ok(page('Outlet')) } } },
      '/outlets/{id}': { get: { summary: 'One outlet', parameters: [idPath], responses: { 200: ok({ $ref: '#/components/schemas/Outlet' }), 404: errorResponse('No such outlet') } } },
      '/search': {
        get: {
          summary: 'Full-text search over titles and bodies',
          parameters: [q('q', { type: 'string' }, 'Words, "phrases", prefix*, -excluded', true), q('outlet', { type: 'integer' }, 'Outlet id'), q('hashtag', { type: 'string' }, 'Hashtag'), q('from', { type: 'string', format: 'date' }, 'Published on or after'), q('to', { type: 'string', format: 'date' }, 'Published on or before'), q('sort', { enum: ['relevance', 'recent'] }, 'Order'), ...cursorParams],
          responses: { 200: ok(page('SearchHit')), 400: errorResponse('Bad parameters') },
        },
      },
      '/hashtags': { get: { summary: 'Most used hashtags of the last days', parameters: [q('days', { type: 'integer', minimum: 1, maximum: 30, default: 7 }, 'Window'), q('limit', { type: 'integer' }, 'How many')], responses: { 200: ok(page('Hashtag')) } } },
      '/hashtags/{tag}': { get: { summary: 'Latest articles with a hashtag', parameters: [{ name: 'tag', in: 'path', required: true, schema: { type: 'string' } }, ...cursorParams], responses: { 200: ok(page('ArticleCard')), 404: errorResponse('Unknown hashtag') } } },
    },
  };
}
