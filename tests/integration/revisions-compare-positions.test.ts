import { describe, expect, it } from 'vitest';
import { callApi } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitForAsync } from '../support/clients.js';
import { bracketText, clauseElement, makeAlternatives } from '../support/positions.js';
import { type ComparedClauseAnswer, compared, issued } from '../support/revisions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'revisions-compare-positions';

/** The inserted and the deleted pieces of a compared clause, trimmed. */
function pieces(clause: ComparedClauseAnswer | undefined, change: 'ins' | 'del'): string[] {
  return (clause?.text ?? []).filter((t) => t.change === change).map((t) => t.text.trim());
}

describe('comparing revisions with brackets, alternatives and clause status', () => {
  const room = useChairedRoom(ROOM);

  it('shows words deleted, brackets and alternatives added and a status changed, between revisions and with the live draft', async () => {
    const chair = await room.join(room.chair);
    const rev1 = await issued(room.server, ROOM, room.chair, 'Rev.1');
    const ids = [0, 1, 2].map((i) => clauseElement(chair.doc, 'op', i).getAttribute('id') as string);
    const first = clauseYText(chair.doc, 'op', 0);
    const firstWords = first.toString();
    // OP 1: its first word deleted and the next one bracketed; OP 2: alternatives; OP 3: a status.
    const cut = firstWords.indexOf(' ') + 1;
    first.delete(0, cut);
    bracketText(chair.doc, 'op', 0, 0, 4, 'b-1');
    makeAlternatives(chair.doc, 'op', 1, 'alts-1', 'a-1', [{ id: 'a-2', text: 'Urges all States to act;' }]);
    const status = await callApi(room.server, 'POST', `rooms/${ROOM}/clauses/${ids[2]}/status`, room.chair, {
      status: 'under-discussion',
    });
    expect(status.status).toBe(200);
    await waitForAsync(
      async () =>
        (await compared(room.server, ROOM, room.chair, rev1.id)).filter((c) => c.change !== 'same').length === 3,
      'the edits stored',
    );
    const live = await compared(room.server, ROOM, room.chair, rev1.id);
    const [op1, op2, op3] = ids.map((id) => live.find((c) => c.clauseId === id));

    expect(op1?.change).toBe('changed');
    expect(pieces(op1, 'del').join(' ')).toContain(firstWords.slice(0, cut).trim());
    expect(op1?.text.map((t) => t.text).join('')).toContain('[');
    expect(op1?.text.filter((t) => t.change === 'ins').some((t) => t.text.includes('['))).toBe(true);

    expect(op2?.change).toBe('changed');
    const op2Text = op2?.text.map((t) => t.text).join('') ?? '';
    expect(op2Text).toContain('Alt 1: ');
    expect(op2Text).toContain('Alt 2: ');
    expect(pieces(op2, 'ins').join(' ')).toContain('Urges all States to act;');

    expect(op3?.change).toBe('changed');
    expect(op3?.status?.to).toBe('under-discussion');

    const rev2 = await issued(room.server, ROOM, room.chair, 'Rev.2');
    expect(await compared(room.server, ROOM, room.chair, rev1.id, rev2.id)).toEqual(live);
  });
});
