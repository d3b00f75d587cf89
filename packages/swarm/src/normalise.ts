// Words and numbers, in order; everything else (punctuation, symbols, spaces) only separates them.
// A number may carry a sign and a decimal part; thousands separators are removed before this runs.
const TOKEN = /[-+\u2212]?\d+(?:\.\d+)?(?![\p{L}\p{N}])|[\p{L}\p{N}]+/gu;
const NUMBER = /^[-+\u2212]?\d+(?:\.\d+)?$/;
const THOUSANDS = /(?<=\d),(?=\d{3}(?!\d))/g;

function canonicalNumber(text: string): string {
  let sign = '';
  let s = text;
  const c = s.charCodeAt(0);
  if (c === 45 /* - */ || c === 0x2212) {
    sign = '-';
    s = s.slice(1);
  } else if (c === 43 /* + */) s = s.slice(1);
  const dot = s.indexOf('.');
  let int = dot === -1 ? s : s.slice(0, dot);
  let frac = dot === -1 ? '' : s.slice(dot + 1);
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : sign + body;
}

/**
 * Puts an answer in a canonical form for counting votes: Unicode-compatible forms, lower case,
 * punctuation and extra spaces dropped, numbers written one way (`1,000`, `1000.0`, `+1000` → `1000`).
 * A sign is kept only when it directly precedes the number and does not follow a word or digit.
 */
export function normaliseAnswer(raw: string): string {
  const s = raw.normalize('NFKC').toLowerCase().replace(THOUSANDS, '');
  const out: string[] = [];
  for (const match of s.matchAll(TOKEN)) {
    let token = match[0];
    const first = token.charCodeAt(0);
    const signed = first === 45 || first === 43 || first === 0x2212;
    if (signed) {
      // "x-5" or "3-4": the dash joins two tokens, it is not a sign.
      const before = match.index > 0 ? s[match.index - 1]! : ' ';
      if (/[\p{L}\p{N}]/u.test(before)) token = token.slice(1);
    }
    out.push(NUMBER.test(token) ? canonicalNumber(token) : token);
  }
  return out.join(' ');
}
