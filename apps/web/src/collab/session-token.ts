import { ApiError, ServerUnreachableError } from '../api/http.js';
import { renewSession } from '../api/rooms.js';
import { storeToken } from '../local/known-rooms.js';

const DAY_MS = 86_400_000;
/** Longest delay `setTimeout` honours (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long to wait before trying again when the server could not be reached. */
const RETRY_MS = 60_000;

/** When a token was issued and when it expires, in milliseconds (issue time null when unknown). */
export interface TokenTimes {
  readonly issuedAt: number | null;
  readonly expiresAt: number;
}

/**
 * Reads `iat` and `exp` from a JWT's payload without verifying it (the server does that); null
 * when the token does not decode or has no `exp`.
 */
export function readTokenTimes(token: string): TokenTimes | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/')));
    if (typeof json !== 'object' || json === null) return null;
    const { iat, exp } = json as { iat?: unknown; exp?: unknown };
    if (typeof exp !== 'number') return null;
    return { issuedAt: typeof iat === 'number' ? iat * 1000 : null, expiresAt: exp * 1000 };
  } catch {
    return null;
  }
}

/**
 * When a token should be renewed: once less than a quarter of its lifetime, or less than a day,
 * remains (whichever comes first). The day rule applies only to tokens living over two days, so
 * a short token is not renewed the moment it is issued, over and over.
 */
export function renewalTime(times: TokenTimes): number {
  if (times.issuedAt === null) return times.expiresAt - DAY_MS;
  const lifetime = times.expiresAt - times.issuedAt;
  return times.expiresAt - Math.max(lifetime / 4, lifetime > 2 * DAY_MS ? DAY_MS : 0);
}

/** How a renewal ended: a new token, a refusal by the server, or no answer (try later). */
export type RenewalResult = 'renewed' | 'refused' | 'unreachable';

/**
 * A room's current session token, renewed over HTTP before it expires (DESIGN §5 tokens). The
 * renewed token is stored where the invite was kept, and subscribers (the room connection, HTTP
 * calls) switch to it. Renewal runs on a timer and whenever the window regains focus or becomes
 * visible, since timers sleep with a suspended laptop.
 */
export class SessionToken {
  private token: string;
  private readonly listeners = new Set<() => void>();
  private inFlight: Promise<RenewalResult> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;

  constructor(
    readonly room: string,
    token: string,
    private readonly renew: typeof renewSession = renewSession,
  ) {
    this.token = token;
  }

  /** The token to use now. */
  readonly get = (): string => this.token;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Starts renewing on time and on focus; returns the function that stops it. */
  start(): () => void {
    this.started = true;
    const onWake = () => {
      if (document.visibilityState === 'visible') void this.renewIfDue();
    };
    window.addEventListener('focus', onWake);
    document.addEventListener('visibilitychange', onWake);
    this.schedule();
    void this.renewIfDue();
    return () => {
      this.started = false;
      clearTimeout(this.timer);
      window.removeEventListener('focus', onWake);
      document.removeEventListener('visibilitychange', onWake);
    };
  }

  /** Renews when the current token is due for it (see {@link renewalTime}). */
  async renewIfDue(now = Date.now()): Promise<RenewalResult | null> {
    const times = readTokenTimes(this.token);
    if (!times || now < renewalTime(times)) return null;
    return this.renewNow();
  }

  /** Asks the server for a fresh token now; concurrent calls share one request. */
  renewNow(): Promise<RenewalResult> {
    this.inFlight ??= this.fetchRenewal().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchRenewal(): Promise<RenewalResult> {
    const was = this.token;
    try {
      const renewed = await this.renew(this.room, was);
      if (this.token !== was) return 'renewed';
      this.token = renewed.token;
      storeToken(this.room, renewed.token);
      this.schedule();
      for (const listener of this.listeners) listener();
      return 'renewed';
    } catch (error) {
      if (error instanceof ApiError) return 'refused';
      if (error instanceof ServerUnreachableError) {
        this.retryLater();
        return 'unreachable';
      }
      throw error;
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.started) return;
    const times = readTokenTimes(this.token);
    if (!times) return;
    const delay = Math.min(Math.max(renewalTime(times) - Date.now(), 0), MAX_TIMER_MS);
    // A long delay is split: the timer re-checks and schedules again when it is not yet time.
    this.timer = setTimeout(() => {
      void this.renewIfDue().then((result) => {
        if (result === null) this.schedule();
      });
    }, delay);
  }

  private retryLater(): void {
    clearTimeout(this.timer);
    if (this.started) this.timer = setTimeout(() => void this.renewIfDue(), RETRY_MS);
  }
}
