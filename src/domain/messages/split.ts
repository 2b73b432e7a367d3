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
