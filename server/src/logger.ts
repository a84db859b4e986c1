import pino, { type Logger } from 'pino';

/**
 * The server's logger. Request URLs are never logged whole (they may carry `?token=`); callers
 * log room ids and paths only, and token-bearing fields are redacted as a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'plenary' },
    redact: { paths: ['token', '*.token', 'req.url', 'url', 'headers.authorization', 'headers.cookie'], remove: true },
  });
}
