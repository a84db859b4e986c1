import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

const SECRET = 'x'.repeat(40);
const DB = 'postgres://postgres@127.0.0.1:5432/test';

describe('storage and fan-out configuration', () => {
  it('keeps SQLite in the data dir when DATABASE_URL is not set', () => {
    const config = parseConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
  });

  it('puts storage on PostgreSQL for a DATABASE_URL', () => {
    expect(parseConfig({ DATABASE_URL: DB }).databaseUrl).toBe(DB);
  });

  it('refuses a DATABASE_URL that is not a postgres URL', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it('refuses REDIS_URL without PLENARY_SECRET, naming both', () => {
    const failure = (() => {
      try {
        parseConfig({ DATABASE_URL: DB, REDIS_URL: 'redis://127.0.0.1:6379' });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/REDIS_URL needs PLENARY_SECRET/);
  });

  it('refuses REDIS_URL without DATABASE_URL', () => {
    expect(() => parseConfig({ PLENARY_SECRET: SECRET, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /REDIS_URL needs DATABASE_URL/,
    );
  });

  it('accepts a cluster configuration with all three', () => {
    const config = parseConfig({ PLENARY_SECRET: SECRET, DATABASE_URL: DB, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });
});
