import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicUrlOf } from './config.ts';

describe('PLAZA_PUBLIC_URL', () => {
  it('defaults to the listen address, with the port actually bound', () => {
    const config = loadConfig({ PLAZA_HOST: '127.0.0.1', PLAZA_PORT: '0' });
    expect(publicUrlOf(config, 43_210)).toBe('http://127.0.0.1:43210');
    expect(publicUrlOf(loadConfig({ PLAZA_HOST: '::1', PLAZA_PORT: '8787' }))).toBe(
      'http://[::1]:8787',
    );
  });

  it('takes an http(s) origin and keeps it normalized', () => {
    const config = loadConfig({ PLAZA_PUBLIC_URL: 'HTTPS://Plaza.Example.org:443/' });
    expect(publicUrlOf(config, 1234)).toBe('https://plaza.example.org');
  });

  it('refuses a path, credentials or another scheme, saying what an origin is', () => {
    for (const value of [
      'https://plaza.example.org/app',
      'https://user:pw@plaza.example.org',
      'ftp://plaza.example.org',
      'https://plaza.example.org/?x=1',
      'plaza.example.org',
    ]) {
      expect(() => loadConfig({ PLAZA_PUBLIC_URL: value }), value).toThrow(ConfigError);
    }
    expect(() => loadConfig({ PLAZA_PUBLIC_URL: 'https://a.example/app' })).toThrow(
      /expected an http\(s\) origin/,
    );
  });
});
