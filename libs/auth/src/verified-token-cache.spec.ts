import { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

const principal = (tenantId: string): Principal => ({
  tenantId,
  subject: 's',
  roles: ['analytics:read'],
  managedTenants: [],
});

describe('VerifiedTokenCache', () => {
  it('returns a cached principal until exp', () => {
    let nowMs = 1_000_000;
    const cache = new VerifiedTokenCache(10, () => nowMs);
    cache.set('token-1', principal('a'), 1_060);

    expect(cache.get('token-1')?.tenantId).toBe('a');
    nowMs = 1_060_000;
    expect(cache.get('token-1')).toBeUndefined();
  });

  it('does not cache tokens without exp or already expired', () => {
    const cache = new VerifiedTokenCache(10, () => 1_000_000);
    cache.set('no-exp', principal('a'), undefined);
    cache.set('expired', principal('a'), 999);

    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new VerifiedTokenCache(2, () => 0);
    cache.set('first', principal('a'), 100);
    cache.set('second', principal('b'), 100);
    cache.get('first');
    cache.set('third', principal('c'), 100);

    expect(cache.get('second')).toBeUndefined();
    expect(cache.get('first')?.tenantId).toBe('a');
    expect(cache.get('third')?.tenantId).toBe('c');
  });
});
