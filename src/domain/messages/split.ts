/**
 * Splits a long message into parts of at most `max` UTF-16 units, in order: on line boundaries
 * where possible, then on spaces, and never inside a surrogate pair (an emoji stays whole).
 */
export function splitMessage(text: string, max: number): string[] {
  if (max < 2) throw new Error('max must be at least 2');
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') parts.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    flush();
    if (line.length <= max) {
      current = line;
      continue;
    }
    const pieces = hardSplit(line, max);
    parts.push(...pieces.slice(0, -1));
    current = pieces[pieces.length - 1] ?? '';
  }
  flush();
  return parts.filter((p) => p.trim() !== '');
}

/** Cuts one over-long line at spaces, or anywhere but inside a surrogate pair. */
function hardSplit(line: string, max: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (cut === max && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') out.push(rest);
  return out;
}

/**
 * Packs the messages of one turn ("Ghi nhận 1.1 …", then the next question) into as few as fit in
 * `max` units each, in order, a blank line between: one notification and one send per turn on a phone.
 * A message longer than `max` is left for `splitMessage`.
 */
export function packMessages(texts: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const text of texts) {
    if (text.trim() === '') continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.length + 2 + text.length <= max)
      out[out.length - 1] = `${last}\n\n${text}`;
    else out.push(text);
  }
  return out;
}
