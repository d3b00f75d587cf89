// Splits a slash command's argument line into argv words, the way a shell would for the quoting
// people actually type: 'single', "double" (\" \\ \$ \` escapes), backslash escapes, whitespace
// (newlines too) between words. Kinder than a shell to prose: an apostrophe between two letters
// (what's, isn't) is a letter, and a quote with no closing partner is an ordinary character, so
// `/fanout:oracle what's next? isn't it "risky"` works. No globbing, no $expansion.

/** @param {string} line @returns {string[]} */
export function splitArgs(line) {
  /** @type {string[]} */
  const words = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = /** @type {string} */ (line[i]);
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '\\' && i + 1 < line.length) {
      const next = /** @type {string} */ (line[i + 1]);
      i++;
      if (next !== '\n') word += next; // a backslash-newline joins lines, as in sh
      continue;
    }
    if ((c === "'" && !isApostrophe(line, i)) || c === '"') {
      const close = closingQuote(line, i, c);
      if (close < 0) {
        word += c;
        continue;
      }
      const inner = line.slice(i + 1, close);
      word += c === "'" ? inner : inner.replace(/\\(["\\$`])/g, '$1');
      i = close;
      continue;
    }
    word += c;
  }
  if (inWord) words.push(word);
  return words;
}

/** Index of the quote closing the one at `open`, or -1. @param {string} line @param {number} open @param {string} quote */
function closingQuote(line, open, quote) {
  for (let j = open + 1; j < line.length; j++) {
    if (quote === '"' && line[j] === '\\') {
      j++;
      continue;
    }
    if (line[j] === quote && !(quote === "'" && isApostrophe(line, j))) return j;
  }
  return -1;
}

const LETTER = /\p{L}/u;

/** A ' between two letters is an apostrophe, not a quote. @param {string} line @param {number} i */
function isApostrophe(line, i) {
  return i > 0 && LETTER.test(line[i - 1] ?? '') && LETTER.test(line[i + 1] ?? '');
}
