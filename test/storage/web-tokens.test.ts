/**
 * The web view's login links and sessions (migration 0011) on every backend: a link opens once and
 * only within its 10 minutes, a session ends at its time or when revoked, and only hashes are kept.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerPerson } from '../../src/storage/officers.js';
import {
  addWebToken,
  consumeWebLink,
  findWebSession,
  revokeWebTokensOf,
} from '../../src/storage/web-tokens.js';
import { storageBackends } from './backends.js';

const now = new Date('2026-11-22T02:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe.each(storageBackends())('web tokens on $name', (backend) => {
  beforeAll(() => backend.start(), 60_000);
  afterEach(() => backend.cleanup());
  afterAll(() => backend.close());

  it('uses a link once, within its time; a session lives until its end or its revocation', async () => {
    const db = await backend.open();
    const personId = await registerPerson(db, { role: 'admin' }, { channel: 'zalo', externalId: 'a' }, now);
    await addWebToken(db, { hash: 'link-1', kind: 'link', personId, now, expiresAt: later(600_000) });
    await addWebToken(db, { hash: 'link-2', kind: 'link', personId, now, expiresAt: later(600_000) });
    expect(await consumeWebLink(db, 'link-1', later(1000))).toBe(personId);
    expect(await consumeWebLink(db, 'link-1', later(2000))).toBeUndefined();
    expect(await consumeWebLink(db, 'link-2', later(600_001))).toBeUndefined();
    expect(await consumeWebLink(db, 'session-1', later(1000))).toBeUndefined();

    await addWebToken(db, { hash: 'session-1', kind: 'session', personId, now, expiresAt: later(3_600_000) });
    expect(await findWebSession(db, 'link-1', later(1000))).toBeUndefined();
    expect(await findWebSession(db, 'session-1', later(1000))).toMatchObject({ personId });
    expect(await findWebSession(db, 'session-1', later(3_600_001))).toBeUndefined();
    expect(await revokeWebTokensOf(db, personId, later(2000))).toBe(1);
    expect(await findWebSession(db, 'session-1', later(3000))).toBeUndefined();
  });
});
