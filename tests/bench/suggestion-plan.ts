/** One suggestion of the suggestions workload: who makes it, where, and what it does. */
export interface PlannedSuggestion {
  /** The mark id (`s<delegation>-<n>`). */
  readonly id: string;
  /** Index of the delegation making it, in {@link delegationName}'s numbering. */
  readonly delegation: number;
  readonly kind: 'insertion' | 'deletion';
  /** The clause it is made in: insertions in operative paragraphs, deletions in preambular ones. */
  readonly clause: 'pp' | 'op';
  /** The clause's index among the draft's clauses of that kind, in document order. */
  readonly index: number;
  /** Offset in the clause's text where the insertion goes or the deletion starts. */
  readonly offset: number;
  /** The inserted words, or empty for a deletion. */
  readonly text: string;
  /** Characters proposed for deletion, or 0 for an insertion. */
  readonly length: number;
}

/** The words every insertion proposes, after "Calls upon States". */
export const INSERTED_WORDS = ' and international organizations';
/** Where insertions go in an operative paragraph ("Calls upon States|"). */
const INSERT_AT = 'Calls upon States'.length;
/** Where deletions start in a preambular paragraph ("Recognizing |that States should"). */
const DELETE_AT = 'Recognizing '.length;
const DELETE_LENGTH = 'that States should'.length;

/** The name of delegation `index` of the workload. */
export function delegationName(index: number): string {
  return `Delegation ${index + 1}`;
}

/**
 * The suggestions of the workload: `perDelegation` from each of `delegations` delegations, two
 * insertions to every deletion, interleaved so that every delegation's suggestions are spread
 * over the whole draft, each in its own clause, in a draft of `pages` pages (`largeDraft`: four
 * preambular and five operative paragraphs a page).
 */
export function planSuggestions(pages: number, delegations: number, perDelegation: number): PlannedSuggestion[] {
  const total = delegations * perDelegation;
  const insertions = Math.ceil((total * 2) / 3);
  const deletions = total - insertions;
  const ops = pages * 5;
  const pps = pages * 4;
  if (insertions > ops || deletions > pps) throw new Error(`${total} suggestions do not fit a ${pages}-page draft`);
  const plan: PlannedSuggestion[] = [];
  let insertion = 0;
  let deletion = 0;
  for (let n = 0; n < total; n++) {
    const delegation = n % delegations;
    const id = `s${delegation + 1}-${Math.floor(n / delegations) + 1}`;
    const isInsertion = n % 3 !== 2 ? insertion < insertions : deletion >= deletions;
    if (isInsertion) {
      plan.push({
        id,
        delegation,
        kind: 'insertion',
        clause: 'op',
        index: Math.floor((insertion * ops) / insertions),
        offset: INSERT_AT,
        text: INSERTED_WORDS,
        length: 0,
      });
      insertion++;
    } else {
      plan.push({
        id,
        delegation,
        kind: 'deletion',
        clause: 'pp',
        index: Math.floor((deletion * pps) / deletions),
        offset: DELETE_AT,
        text: '',
        length: DELETE_LENGTH,
      });
      deletion++;
    }
  }
  return plan;
}

/** The insertion of the plan closest to the middle of the draft (where the typist types). */
export function middleInsertion(plan: readonly PlannedSuggestion[], pages: number): PlannedSuggestion {
  const middle = (pages * 5) / 2;
  let best: PlannedSuggestion | undefined;
  for (const s of plan) {
    if (s.kind !== 'insertion') continue;
    if (!best || Math.abs(s.index - middle) < Math.abs(best.index - middle)) best = s;
  }
  if (!best) throw new Error('the plan has no insertion');
  return best;
}
