import type { ExportPositions, ExportSuggestion } from '@plenary/export';
import { DRAFT_FRAGMENT, docFromFragment, type NodeJSON } from '@plenary/schema';
import { createRoomDoc } from '@plenary/templates';

/** The fixed export date of the tests. */
export const DATE = new Date('2026-03-15T00:00:00Z');

/** A room record like the server's. */
export const ROOM = {
  title: 'Norms of responsible behaviour in outer space',
  symbol: 'A/AC.294/2026/WP.1',
  stage: 'Zero draft',
};

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; marks?: unknown[]; text?: string };

/** The draft-resolution template as the server seeds it, read back as schema JSON. */
export function zeroDraft(): NodeJSON {
  const ydoc = createRoomDoc('draft-resolution');
  const json = docFromFragment(ydoc.getXmlFragment(DRAFT_FRAGMENT)).toJSON() as NodeJSON;
  ydoc.destroy();
  return json;
}

function clone(json: NodeJSON): Json {
  return structuredClone(json) as Json;
}

function clauses(node: Json, out: Json[] = []): Json[] {
  if (['pp', 'op', 'subparagraph', 'subsubparagraph'].includes(node.type)) out.push(node);
  for (const child of node.content ?? []) clauses(child, out);
  return out;
}

function text(value: string, marks?: unknown[]): Json {
  return marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
}

/**
 * The zero draft after a day of negotiation: PP 1 and OP 1 agreed, OP 2 agreed ad ref. with a
 * bracket, OP 3 (b) with alternatives, PP 2 reworded, PP 4 deleted, a new OP, a link.
 */
export function negotiatedDraft(zero: NodeJSON = zeroDraft()): NodeJSON {
  const doc = clone(zero);
  const all = clauses(doc);
  const [pp1, pp2, , pp4, op1, op2, op3] = all.filter((c) => c.type === 'pp' || c.type === 'op');
  const set = (c: Json | undefined, status: string) => {
    if (c) c.attrs = { ...c.attrs, status };
  };
  set(pp1, 'agreed');
  set(op1, 'agreed');
  set(op2, 'agreed-ad-ref');
  if (pp2)
    pp2.content = [
      {
        type: 'body',
        content: [
          text('Reaffirming the vital importance of outer space to the security and well-being of all States,'),
        ],
      },
    ];
  if (op2)
    op2.content = [
      {
        type: 'body',
        content: [
          text('Calls upon all States to '),
          text('refrain from destructive tests', [{ type: 'bracket', attrs: { id: 'b1' } }]),
          text(' in accordance with '),
          text('the Charter', [{ type: 'link', attrs: { href: 'https://www.un.org/en/about-us/un-charter' } }]),
          text(';'),
        ],
      },
    ];
  const op3b = op3?.content?.[2];
  if (op3b)
    op3b.content = [
      {
        type: 'alternatives',
        attrs: { id: 'alts1' },
        content: [
          {
            type: 'alternative',
            attrs: { id: 'alt1' },
            content: [{ type: 'body', content: [text('Unilateral declarations; and')] }],
          },
          {
            type: 'alternative',
            attrs: { id: 'alt2' },
            content: [{ type: 'body', content: [text('Voluntary political commitments; and')] }],
          },
        ],
      },
    ];
  const preamble = doc.content?.[0];
  if (preamble?.content && pp4) preamble.content = preamble.content.filter((c) => c !== pp4);
  const operative = doc.content?.[1];
  operative?.content?.splice(1, 0, {
    type: 'op',
    attrs: { id: 'new-op', status: 'proposed', tags: '' },
    content: [{ type: 'body', content: [text('Stresses the need to avoid the creation of long-lived debris;')] }],
  });
  return doc as NodeJSON;
}

/** A draft full of hostile and non-Latin content. */
export function hostileDraft(): NodeJSON {
  return {
    type: 'doc',
    content: [
      {
        type: 'preamble',
        content: [
          {
            type: 'pp',
            attrs: { id: 'h1', status: 'agreed' },
            content: [
              {
                type: 'body',
                content: [
                  text(
                    'Признавая <script>alert(1)</script> & "quotes" \u0000\u0001\u0007\u001b bad\uD800 lone \uDFFF,',
                  ),
                ],
              },
            ],
          },
          {
            type: 'pp',
            attrs: { id: 'h2', status: 'agreed' },
            content: [
              {
                type: 'body',
                content: [
                  text('Αναγνωρίζοντας '),
                  text('click me', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
                  text(' and '),
                  text('safe', [{ type: 'link', attrs: { href: 'https://example.org/a?b=1&c=2' } }]),
                  text(' ]]> <!-- --> *md* [x](javascript:evil) # heading,'),
                ],
              },
            ],
          },
        ],
      },
      {
        type: 'operative',
        content: [
          {
            type: 'op',
            attrs: { id: 'h-op1"><x', status: 'agreed' },
            content: [{ type: 'body', content: [text('Decides </p><img src=x onerror=alert(1)> \uFFFE\uFFFF end.')] }],
          },
        ],
      },
    ],
  } as NodeJSON;
}

/** A draft of about `pages` pages of PDF (A4): 4 PPs and 5 OPs with a sub-paragraph per page. */
export function largeDraft(pages: number): NodeJSON {
  const words =
    'States should notify the Secretary-General of planned manoeuvres that could affect the space objects of other States and consult in good faith';
  const pps: Json[] = [];
  const ops: Json[] = [];
  for (let i = 0; i < pages * 4; i++)
    pps.push({
      type: 'pp',
      attrs: { id: `pp${i}`, status: 'agreed' },
      content: [{ type: 'body', content: [text(`Recognizing that ${words},`)] }],
    });
  for (let i = 0; i < pages * 5; i++)
    ops.push({
      type: 'op',
      attrs: { id: `op${i}`, status: i % 2 ? 'agreed' : 'proposed' },
      content: [
        {
          type: 'body',
          content: [
            text(`Calls upon ${words} `),
            text('as appropriate', [{ type: 'bracket', attrs: { id: `b${i}` } }]),
            text(';'),
          ],
        },
        { type: 'subparagraph', attrs: { id: `op${i}a` }, content: [{ type: 'body', content: [text(`${words};`)] }] },
      ],
    });
  return {
    type: 'doc',
    content: [
      { type: 'preamble', content: pps },
      { type: 'operative', content: ops },
    ],
  } as NodeJSON;
}

/**
 * The room's suggestion records for {@link suggestedDraft}: France (with its person's name)
 * proposes an insertion in PP 3, Brazil a deletion there, Kenya a deletion in the new OP. The
 * draft's `s-ghost` mark has no record.
 */
export const SUGGESTIONS: readonly ExportSuggestion[] = [
  {
    id: 's-fr',
    kind: 'insertion',
    delegation: 'France',
    person: 'Jean Dupont',
    createdAt: Date.parse('2026-03-14T09:30:00Z'),
    status: 'open',
  },
  {
    id: 's-br',
    kind: 'deletion',
    delegation: 'Brazil',
    person: null,
    createdAt: Date.parse('2026-03-14T10:00:00Z'),
    status: 'open',
  },
  {
    id: 's-ke',
    kind: 'deletion',
    delegation: 'Kenya',
    person: 'Ms. Achieng',
    createdAt: Date.parse('2026-03-14T11:15:00Z'),
    status: 'open',
  },
];

/**
 * The negotiated draft with open suggestions: PP 3 (agreed) reads "… misunderstanding{+ and
 * escalation+} and {-miscalculation-} in outer space," (France's insertion, Brazil's deletion);
 * the new OP has Kenya's deletion of "long-lived "; OP 1 (agreed) has an insertion whose mark
 * id no record knows (`s-ghost`).
 */
export function suggestedDraft(zero: NodeJSON = zeroDraft()): NodeJSON {
  const doc = clone(negotiatedDraft(zero));
  const all = clauses(doc);
  const pps = all.filter((c) => c.type === 'pp');
  const ops = all.filter((c) => c.type === 'op');
  const pp3 = pps.find((c) => JSON.stringify(c).includes('Recognizing that norms'));
  const op1 = ops[0];
  const newOp = ops.find((c) => c.attrs?.id === 'new-op');
  if (!pp3 || !op1 || !newOp) throw new Error('the negotiated draft lacks PP 3, OP 1 or the new OP');
  pp3.attrs = { ...pp3.attrs, status: 'agreed' };
  pp3.content = [
    {
      type: 'body',
      content: [
        text(
          'Recognizing that norms, rules and principles of responsible behaviour can reduce the risk of misunderstanding',
        ),
        text(' and escalation', [{ type: 'insertion', attrs: { id: 's-fr' } }]),
        text(' and '),
        text('miscalculation', [{ type: 'deletion', attrs: { id: 's-br' } }]),
        text(' in outer space,'),
      ],
    },
  ];
  newOp.content = [
    {
      type: 'body',
      content: [
        text('Stresses the need to avoid the creation of '),
        text('long-lived ', [{ type: 'deletion', attrs: { id: 's-ke' } }]),
        text('debris;'),
      ],
    },
  ];
  const body = op1.content?.[0];
  const semicolon = body?.content?.pop();
  body?.content?.push(text(' with appreciation', [{ type: 'insertion', attrs: { id: 's-ghost' } }]));
  if (semicolon) body?.content?.push(semicolon);
  return doc as NodeJSON;
}

/**
 * The room's position records for {@link negotiatedDraft}: Brazil proposed the bracket `b1`
 * (Kenya supports it, France objects), Kenya proposed the second alternative of OP 3 (b) (Chile
 * supports it); the chair set OP 2's status.
 */
export function negotiatedPositions(): ExportPositions {
  return {
    proposals: [
      { id: 'b1', proposedBy: 'Brazil' },
      { id: 'alt2', proposedBy: 'Kenya' },
    ],
    stances: [
      { target: 'b1', delegation: 'Kenya', stance: 'support', at: 1 },
      { target: 'b1', delegation: 'France', stance: 'object', at: 2 },
      { target: 'alt2', delegation: 'Chile', stance: 'support', at: 3 },
    ],
    statuses: [],
    picks: [],
    frozen: null,
  };
}
