import type { TestServer } from './server.js';

/** A JSON API answer: status and parsed body (null when the body is empty). */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Calls `/api/<path>` of the server at `server.httpUrl` with `token` as bearer and `body` as JSON. */
export async function callApi(
  server: Pick<TestServer, 'httpUrl'>,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const response = await fetch(`${server.httpUrl}/api/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** The `error.code` of an error answer, or null. */
export function errorCode(answer: ApiAnswer): string | null {
  const body = answer.body as { error?: { code?: unknown } } | null;
  return typeof body?.error?.code === 'string' ? body.error.code : null;
}

/** Creates room `id` with an operator token; resolves with the creator's chair token. */
export async function createRoom(server: TestServer, id: string, title = 'Space norms'): Promise<string> {
  const operator = await server.token('*', 'Secretariat', 'chair');
  const created = await callApi(server, 'POST', 'rooms', operator, { id, title, template: 'draft-resolution' });
  if (created.status !== 201) throw new Error(`creating ${id} answered ${created.status}`);
  return (created.body as { token: string }).token;
}
