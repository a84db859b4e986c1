/**
 * The server answered with an error (`{ error: { code, message } }`, DESIGN §5). `status` is
 * the HTTP status; `code` the machine-readable reason, such as `invalid_token` or `wrong_room`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The server could not be reached at all (it is down, or the network is). */
export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError';
}

interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly token?: string | null;
  readonly body?: unknown;
}

/** The `{ error: { code, message } }` of an error answer, or null when the body is not one. */
export function readErrorBody(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

/**
 * Calls the JSON API. Resolves with the parsed body on 2xx; rejects with {@link ApiError} on an
 * error answer and with {@link ServerUnreachableError} when no answer came (or a proxy answered
 * with something that is not the API's JSON, as Vite's does while the server is down).
 */
export async function requestJson(path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      cache: 'no-store',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    throw new ServerUnreachableError(error instanceof Error ? error.message : 'network error');
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    throw new ServerUnreachableError(`unexpected answer (${response.status}) from ${path}`);
  }
  if (response.ok) return body;
  const error = readErrorBody(body);
  if (!error) throw new ServerUnreachableError(`unexpected answer (${response.status}) from ${path}`);
  throw new ApiError(response.status, error.code, error.message);
}
