/**
 * One spelling per article URL, so that the same article reached through a newsletter,
 * a social share and the feed is stored once (articles are unique on canonical URL).
 *
 * `canonicalUrl(url)`:
 * - lower-cases scheme and host (WHATWG URL parsing also turns IDN hosts into punycode),
 *   drops the default port, the fragment, userinfo and an empty query;
 * - removes tracking parameters (utm_* and the click ids listed below), matched
 *   case-insensitively on the decoded name;
 * - sorts the remaining query parameters by name (stable, so repeated names keep their
 *   order), keeping each pair byte for byte as written;
 * - keeps the path as written (paths are case-sensitive on most servers).
 * Never throws: input that is not an absolute http(s) URL is returned trimmed, unchanged.
 */

/** Parameters that identify a campaign or a click, never the document. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid',
  'igshid', 'igsh', 'yclid', 'ysclid', 'twclid', 'ttclid', 'li_fat_id', 'epik', 'rdt_cid',
  '_ga', '_gl', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking', 'mkt_tok',
  'ref_src', 'ref_url', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'rb_clickid',
  's_cid', 'wt.mc_id', 'wt_mc_id', 'xtor', 'ncid', 'sr_share', 'smid', 'cmpid', 'ocid',
  's_kwcid', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4',
  'guccounter', 'guce_referrer', 'guce_referrer_sig', 'spm', 'share_source', 'cvid', 'ito',
]);

/** Prefixes of parameter families used only for analytics. */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'ga_', 'stm_'];

function isTrackingParam(rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    name = rawName.toLowerCase();
  }
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((p) => name.startsWith(p));
}

/** Returns the canonical spelling of an http(s) URL; see the module comment. */
export function canonicalUrl(url: string): string {
  if (typeof url !== 'string') return '';
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return trimmed;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  // URL already lower-cases scheme and host and drops default ports.
  const query = parsed.search.slice(1);
  const kept: { name: string; pair: string; index: number }[] = [];
  if (query) {
    query.split('&').forEach((pair, index) => {
      if (!pair) return;
      const name = pair.split('=', 1)[0];
      if (isTrackingParam(name)) return;
      kept.push({ name, pair, index });
    });
  }
  kept.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index));
  const search = kept.map((k) => k.pair).join('&');
  const base = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  return search ? `${base}?${search}` : base;
}
