import { cleanText } from '../answers/normalize.js';

/** Letters and digits that cannot be mistaken for each other on a phone screen (no 0/O, 1/I/L). */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_LENGTH = 8;

/** Shows a code as "ABCD-EFGH". */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Finds an invite code in what an unknown user sent: "ABCD-EFGH", "abcd efgh", "/start ABCDEFGH",
 * "mã mời: ABCD-EFGH". Returns the bare code, or undefined.
 */
export function findInviteCode(text: string): string | undefined {
  const cleaned = cleanText(text).replace(/^\/start\s*/i, '');
  const candidates = cleaned.match(/[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}/g) ?? [];
  for (const c of candidates.reverse()) {
    const bare = c.replace(/[\s-]/g, '').toUpperCase();
    if (bare.length === INVITE_LENGTH && [...bare].every((ch) => INVITE_ALPHABET.includes(ch))) return bare;
  }
  return undefined;
}
