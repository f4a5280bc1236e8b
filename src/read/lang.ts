/**
 * Language detection by script and stop-word profiles.
 *
 * Scripts decide first (Cyrillic -> ru/uk/bg, Arabic -> ar/fa, Han -> zh, kana -> ja,
 * Hangul -> ko, Greek, Hebrew, Devanagari, Thai); Latin-script text is scored against
 * short stop-word lists of the most common news languages. The result is an ISO 639-1
 * code, or "und" when the text is too short or nothing scores.
 */

const PROFILES: Record<string, string> = {
  en: 'the of and to in a is that for on with was as by he at from his it an were are which this be has had have not but its their they said after who been will more would about also over than',
  fr: 'le la les de des du et en un une est que qui dans pour pas sur au aux par il elle ce sont ont plus avec a été son sa ses mais comme cette leur',
  de: 'der die das und den dem des ist nicht ein eine einer mit von zu im auf für sich auch es sie er wurde wird bei aus nach hat sind dass noch über oder',
  es: 'el la los las de del y en un una es que por con para se al no su sus como más lo ha fue pero este esta sobre entre también han según',
  it: 'il lo la gli le di del della dei e è un una che per con non si da al nel nella sono ha anche come più alla questo ma dopo stato',
  pt: 'o a os as de do da dos das e em um uma é que para com não se por ao no na mais como foi são ser também seu sua pelo pela entre',
  nl: 'de het een en van in is dat op te voor met zijn niet aan er om ook als bij door maar naar werd wordt nog uit over dan heeft hij',
  sv: 'och i att det som en på är av för med till den har de inte om ett men var jag sig från vi så kan efter',
  pl: 'i w na z że do się nie to jest o jak po przez przy od za dla oraz jego ale już też był była',
  tr: 've bir bu da de için ile olarak çok daha gibi ama olan ise en kadar sonra değil her göre',
  id: 'yang dan di dari ini itu dengan untuk tidak dalam akan pada juga ke ada karena oleh atau bisa',
};

const PROFILE_SETS: [string, Set<string>][] = Object.entries(PROFILES).map(([k, v]) => [k, new Set(v.split(' '))]);

/** Detects the language of `text`; returns an ISO 639-1 code or "und". */
export function detectLanguage(text: string): string {
  const sample = (text ?? '').slice(0, 6000);
  let latin = 0;
  const scripts: Record<string, number> = {};
  for (const ch of sample) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
      continue;
    }
    let k: string | null = null;
    if (c >= 0x00c0 && c <= 0x024f) latin++;
    else if (c >= 0x0400 && c <= 0x04ff) k = 'cyr';
    else if (c >= 0x0600 && c <= 0x06ff) k = 'arab';
    else if (c >= 0x0590 && c <= 0x05ff) k = 'he';
    else if (c >= 0x0370 && c <= 0x03ff) k = 'el';
    else if (c >= 0x0900 && c <= 0x097f) k = 'hi';
    else if (c >= 0x0e00 && c <= 0x0e7f) k = 'th';
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff)) k = 'kana';
    else if (c >= 0xac00 && c <= 0xd7af) k = 'ko';
    else if (c >= 0x4e00 && c <= 0x9fff) k = 'han';
    if (k) scripts[k] = (scripts[k] ?? 0) + 1;
  }
  const total = latin + Object.values(scripts).reduce((a, b) => a + b, 0);
  if (total < 3) return 'und';
  const [topScript, topCount] = Object.entries(scripts).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  // CJK characters carry far more per character than Latin letters.
  const weight = topScript === 'han' || topScript === 'kana' || topScript === 'ko' ? 3 : 1;
  if (topCount * weight > latin) {
    switch (topScript) {
      case 'kana':
        return 'ja';
      case 'han':
        return (scripts.kana ?? 0) > topCount * 0.05 ? 'ja' : 'zh';
      case 'cyr':
        return /[іїєґ]/i.test(sample) ? 'uk' : /[ъ]/.test(sample) && !/[ы]/.test(sample) ? 'bg' : 'ru';
      case 'arab':
        return /[پچژگ]/.test(sample) ? 'fa' : 'ar';
      default:
        return topScript;
    }
  }
  const words = sample.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  if (words.length < 3) return words.length ? 'en' : 'und';
  let best = 'und';
  let bestScore = 0;
  for (const [lang, set] of PROFILE_SETS) {
    let hits = 0;
    for (const w of words) if (set.has(w)) hits++;
    const score = hits / words.length;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  // Headlines and lists have few stop words; below this, trust Latin script => English.
  if (bestScore < 0.04) return words.length < 40 ? 'en' : 'und';
  return best;
}
