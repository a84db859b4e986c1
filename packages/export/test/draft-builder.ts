import type { NodeJSON } from '@plenary/schema';

/** One clause of a small test draft: its id, its words, optionally its status. */
export type TestClause = readonly [id: string, text: string, status?: string];

function clause(type: 'pp' | 'op', [id, text, status = 'proposed']: TestClause) {
  return { type, attrs: { id, status, tags: '' }, content: [{ type: 'body', content: [{ type: 'text', text }] }] };
}

/** A draft of plain preambular and operative paragraphs, for comparisons. */
export function smallDraft(pps: readonly TestClause[], ops: readonly TestClause[]): NodeJSON {
  return {
    type: 'doc',
    content: [
      { type: 'preamble', content: pps.map((c) => clause('pp', c)) },
      { type: 'operative', content: ops.map((c) => clause('op', c)) },
    ],
  } as NodeJSON;
}
