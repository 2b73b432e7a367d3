/**
 * Text as it may be stored: no lone surrogate (half of an emoji cut by a client, which PostgreSQL
 * refuses and JSON cannot round-trip) and no control character but tab and line breaks (a NUL ends a
 * C string; the others garble logs, terminals and documents). Everything a person sends passes here
 * before anything else reads it, and every effect before it is written.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function safeText(text: string): string {
  return text.replace(LONE_SURROGATE, '').replace(CONTROL, '');
}

/** The same for every string inside a plain value (objects, arrays); dates and other values unchanged. */
export function safeStrings<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map(safeStrings) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safeStrings(v)])) as T;
  }
  return value;
}
