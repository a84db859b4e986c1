import { describe, expect, it } from 'vitest';
import { parseConfig, withListeningPort } from '../src/config.js';

describe('the public URL once the server listens', () => {
  it('names the port the server got when the default URL asked for any free port', () => {
    const config = parseConfig({ PORT: '0' });
    expect(config.publicUrl).toBe('http://127.0.0.1:0');
    expect(withListeningPort(config.publicUrl, 43_117)).toBe('http://127.0.0.1:43117');
    expect(withListeningPort('http://[::1]:0/plenary/', 8080)).toBe('http://[::1]:8080/plenary');
  });

  it('keeps a URL an operator set, whatever port the server listens on', () => {
    const config = parseConfig({ PORT: '0', PLENARY_PUBLIC_URL: 'https://plenary.example/' });
    expect(withListeningPort(config.publicUrl, 43_117)).toBe('https://plenary.example');
    expect(withListeningPort('http://127.0.0.1:1234', 43_117)).toBe('http://127.0.0.1:1234');
  });
});
