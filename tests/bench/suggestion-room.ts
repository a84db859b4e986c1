import type { SuggestionRecord } from '@plenary/protocol';
import { docFromJSON, type NodeJSON } from '@plenary/schema';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { largeDraft } from '../../packages/export/test/fixtures.js';
import { callApi } from '../support/api.js';
import { connectClient, type TestClient, waitFor, waitForAsync, whenSynced } from '../support/clients.js';
import { mintToken, type SpawnedServer } from '../support/spawned-server.js';
import { clauseYText } from '../support/y-draft.js';
import { delegationName, type PlannedSuggestion, planSuggestions } from './suggestion-plan.js';

/** Sizes of the suggestions workload. */
export interface SuggestionSizes {
  readonly pages: number;
  readonly delegations: number;
  readonly perDelegation: number;
}

/** A room in formal mode holding a long draft and the open suggestions of several delegations. */
export interface SuggestionRoom {
  readonly room: string;
  /** The room creator's chair token. */
  readonly chair: string;
  /** The chair's client, which loaded the draft. */
  readonly chairClient: TestClient;
  /** One connected client per delegation, authenticated as it, in delegation order. */
  readonly delegates: readonly TestClient[];
  readonly plan: readonly PlannedSuggestion[];
  readonly clauses: number;
}

/** The room's suggestion records over the HTTP API. */
export async function roomSuggestions(server: SpawnedServer, room: string, token: string): Promise<SuggestionRecord[]> {
  const answer = await callApi(server, 'GET', `rooms/${room}/suggestions`, token);
  if (answer.status !== 200) throw new Error(`listing suggestions answered ${answer.status}`);
  return (answer.body as { suggestions: SuggestionRecord[] }).suggestions;
}

/** Makes one planned suggestion in `doc` as y-prosemirror writes suggestion marks. */
function suggest(client: TestClient, s: PlannedSuggestion): void {
  const text = clauseYText(client.doc, s.clause, s.index);
  if (s.kind === 'insertion') text.insert(s.offset, s.text, { insertion: { id: s.id } });
  else text.format(s.offset, s.length, { deletion: { id: s.id } });
}

/**
 * Creates a room from the draft-resolution template (its zero draft), has the chair replace the
 * draft with a `pages`-page one in informal mode, switches the room to formal mode, and has each
 * delegation's client make its planned suggestions over the socket, checked by the server as
 * any delegate's write. Resolves once the server holds an open record for every suggestion.
 */
export async function prepareSuggestionRoom(server: SpawnedServer, sizes: SuggestionSizes): Promise<SuggestionRoom> {
  const room = `bench-suggestions-${Date.now()}`;
  const operator = await mintToken('*', 'Secretariat', 'chair');
  const created = await callApi(server, 'POST', 'rooms', operator, {
    id: room,
    title: 'Benchmark draft',
    template: 'draft-resolution',
  });
  if (created.status !== 201) throw new Error(`creating the room answered ${created.status}`);
  const chair = (created.body as { token: string }).token;

  const chairClient = connectClient(server.wsUrl, room, chair);
  await whenSynced(chairClient.provider);
  // Suggestions are made in clauses still under negotiation: agreed clauses are locked for delegates.
  const draft = docFromJSON(unlocked(largeDraft(sizes.pages)));
  const fragment = chairClient.doc.getXmlFragment('draft');
  chairClient.doc.transact(() => prosemirrorToYXmlFragment(draft, fragment));
  let clauses = 0;
  draft.descendants((node) => {
    if (node.type.name === 'pp' || node.type.name === 'op') clauses++;
    return true;
  });
  const formal = await callApi(server, 'PATCH', `rooms/${room}/settings`, chair, { mode: 'formal' });
  if (formal.status !== 200) throw new Error(`switching to formal mode answered ${formal.status}`);

  const delegates: TestClient[] = [];
  for (let d = 0; d < sizes.delegations; d++) {
    const client = connectClient(server.wsUrl, room, await mintToken(room, delegationName(d)));
    delegates.push(client);
  }
  await Promise.all(delegates.map((client) => whenSynced(client.provider)));
  // Each delegate's doc must hold the chair's draft before it suggests in it.
  const full = Buffer.from(Y.encodeStateVector(chairClient.doc));
  await waitFor(
    () => delegates.every((client) => full.equals(Y.encodeStateVector(client.doc))),
    'every delegate has the draft',
    60_000,
  );
  const plan = planSuggestions(sizes.pages, sizes.delegations, sizes.perDelegation);
  for (const s of plan) {
    const client = delegates[s.delegation];
    if (!client) throw new Error(`no client for delegation ${s.delegation}`);
    suggest(client, s);
    // A few at a time, as people make them: well within a delegate's message rate.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await waitForAsync(
    async () => {
      const open = (await roomSuggestions(server, room, chair)).filter((r) => r.status === 'open');
      return open.length === plan.length;
    },
    `${plan.length} open suggestion records`,
    60_000,
  );
  return { room, chair, chairClient, delegates, plan, clauses };
}

/** The draft with every clause `proposed`, so that delegates may suggest anywhere in it. */
function unlocked(json: NodeJSON): NodeJSON {
  const attrs = json.attrs && 'status' in json.attrs ? { ...json.attrs, status: 'proposed' } : json.attrs;
  return { ...json, ...(attrs ? { attrs } : {}), ...(json.content ? { content: json.content.map(unlocked) } : {}) };
}
