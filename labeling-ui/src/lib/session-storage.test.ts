import { describe, expect, it } from 'vitest';
import { clearSession, loadSession, SESSION_KEY, saveSession } from './session-storage.ts';
import { createMemoryStorage } from './storage.ts';

const session = {
  token: 't'.repeat(40),
  address: '0x8ba1f109551bd432803012645ac136ddd64dba72',
  roles: ['labeler' as const],
  expiresAt: '2030-01-01T00:00:00Z',
};

describe('session storage', () => {
  it('saves, loads and clears the session', () => {
    const storage = createMemoryStorage();
    saveSession(storage, session);
    expect(loadSession(storage, Date.parse('2025-01-01'))).toEqual(session);
    clearSession(storage);
    expect(loadSession(storage)).toBeNull();
  });

  it('reads an expired or malformed session as none', () => {
    const storage = createMemoryStorage();
    saveSession(storage, session);
    expect(loadSession(storage, Date.parse('2031-01-01'))).toBeNull();
    storage.setItem(SESSION_KEY, '{"token":1}');
    expect(loadSession(storage)).toBeNull();
    storage.setItem(SESSION_KEY, 'not json');
    expect(loadSession(storage)).toBeNull();
  });
});
