import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RateLimiter, retryDelayMs } from '../../src/domain/reminders.ts';

describe('retries', () => {
  it('backs off exponentially with jitter, capped, never sooner than Retry-After', () => {
    expect(retryDelayMs(1, undefined, 0)).toBe(500);
    expect(retryDelayMs(1, undefined, 0.999)).toBe(1000);
    expect(retryDelayMs(4, undefined, 0.5)).toBe(6000);
    expect(retryDelayMs(30, undefined, 0.999)).toBeLessThanOrEqual(5 * 60_000);
    expect(retryDelayMs(1, 30_000, 0.5)).toBe(30_000);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = new Date('2027-01-01T12:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Fri, 01 Jan 2027 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('lets 7 messages a second into one conversation and spaces out the rest', () => {
    const limiter = new RateLimiter({ perConversation: 7, perApp: 50 });
    const waits = Array.from({ length: 10 }, () => limiter.take('a', 0));
    expect(waits.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(waits[7]).toBeGreaterThan(0);
    expect(waits[9]!).toBeGreaterThan(waits[7]!);
    // Another conversation is not held up by the first...
    expect(limiter.take('b', 0)).toBe(0);
    // ...and after a second the first may send again.
    expect(new RateLimiter({ perConversation: 7, perApp: 50 }).take('a', 1000)).toBe(0);
  });

  it('holds the whole app to about 50 a second', () => {
    const limiter = new RateLimiter({ perConversation: 7, perApp: 50 });
    const waits = Array.from({ length: 60 }, (_, i) => limiter.take(`c${i}`, 0));
    expect(waits.filter((w) => w === 0)).toHaveLength(50);
    expect(Math.max(...waits)).toBeLessThanOrEqual(250);
  });
});
