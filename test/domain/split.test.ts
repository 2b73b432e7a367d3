import { describe, expect, it } from 'vitest';
import { mergeReplies } from '../../src/domain/dialog/render.js';
import { splitMessage } from '../../src/domain/messages/split.js';

describe('splitting long replies for messengers', () => {
  it('keeps a short message whole', () => {
    expect(splitMessage('Xin chào', 2000)).toEqual(['Xin chào']);
  });

  it('splits on line boundaries, in order, each part within the limit', () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) => `- ${i + 1}.${i} Tỷ lệ hộ gia đình thanh toán không dùng tiền mặt`,
    );
    const parts = splitMessage(lines.join('\n'), 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    for (const p of parts) expect(p.startsWith('- ')).toBe(true);
  });

  it('cuts an over-long line at spaces', () => {
    const line = 'từ '.repeat(1000).trim();
    const parts = splitMessage(line, 100);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(100);
    expect(parts.join(' ')).toBe(line);
  });

  it('never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(1500);
    const parts = splitMessage(emoji, 2001);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2001);
      expect(/^(?:[\uD800-\uDBFF][\uDC00-\uDFFF])+$/.test(p)).toBe(true);
    }
    expect(parts.join('')).toBe(emoji);
  });
});

describe('the replies of one turn as few messages', () => {
  const texts = (replies: Array<{ text: string }>) => replies.map((r) => r.text);
  const of = (...t: string[]) => t.map((text) => ({ text }));

  it('sends the acknowledgement and the next question as one message, a blank line between', () => {
    expect(texts(mergeReplies(of('Ghi nhận 1.1: 100% — đạt.', 'Tiêu chí 1.2 (2/33)'), 2000))).toEqual([
      'Ghi nhận 1.1: 100% — đạt.\n\nTiêu chí 1.2 (2/33)',
    ]);
  });

  it('starts a new message when the next would not fit, and keeps the order', () => {
    const a = 'a'.repeat(1000);
    const b = 'b'.repeat(999);
    const c = 'c'.repeat(2);
    expect(texts(mergeReplies(of(a, b, c), 2000))).toEqual([a, `${b}\n\n${c}`]);
    expect(texts(mergeReplies(of(a, b), 2001))).toEqual([`${a}\n\n${b}`]);
  });

  it('leaves an over-long message for splitting and drops empty ones', () => {
    const long = 'x'.repeat(2500);
    expect(texts(mergeReplies(of('', long, '  ', 'ok'), 2000))).toEqual([long, 'ok']);
  });
});
