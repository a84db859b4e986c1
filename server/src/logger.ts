import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The server's logger: JSON lines on stdout, or on `destination` when given (a log collector,
 * or a test reading what the server logged). Request URLs are never logged whole (they may carry
 * `?token=`); callers log room ids and paths only, and token-bearing fields are redacted as a
 * second line of defence.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'plenary' },
    redact: { paths: ['token', '*.token', 'req.url', 'url', 'headers.authorization', 'headers.cookie'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}
