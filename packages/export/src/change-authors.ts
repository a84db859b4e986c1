import { cleanText } from './xml-text.js';

/**
 * One step of the room's provenance log between the two compared versions, as exports read it:
 * the words one author (a delegation, or the chair) added to or took from one clause in a run of
 * consecutive stored updates (DESIGN §3, the provenance log). The server derives these from the
 * updates stored with their author; nothing is read from the document's text.
 */
export interface ExportEdit {
  readonly clauseId: string;
  /** Words added, words removed, or the clause moved (its words then empty). */
  readonly kind: EditKind;
  /** The words added or removed (each once per occurrence). */
  readonly words: readonly string[];
  /** "France", "France (Jean Dupont)" when the person's name is known, or "Chair". */
  readonly author: string;
  /** Milliseconds since the epoch: when the last update of the step was written. */
  readonly at: number;
}

/** What an edit did to a clause. */
export type EditKind = 'ins' | 'del' | 'move';

/** Who made a tracked change, and when. */
export interface EditAuthor {
  readonly author: string;
  readonly at: number;
}

/** The edits of a comparison by clause, to sign each tracked change with its author. */
export class EditIndex {
  private readonly byClause = new Map<string, { kind: EditKind; words: Set<string>; author: EditAuthor }[]>();

  constructor(edits: readonly ExportEdit[] = []) {
    for (const edit of edits) {
      const list = this.byClause.get(edit.clauseId) ?? [];
      list.push({
        kind: edit.kind,
        words: new Set(edit.words),
        author: { author: cleanText(edit.author).trim() || 'unattributed', at: edit.at },
      });
      this.byClause.set(edit.clauseId, list);
    }
  }

  /**
   * The author of `text` inserted into (or deleted from) clause `clauseId`: of the edits of that
   * kind in the clause, the one that added (or removed) most of its words, the later one on a tie;
   * for words no edit names (or spaces alone), the clause's last edit of that kind. Null when no
   * edit touched the clause that way: the caller signs it with its default author.
   */
  authorOf(clauseId: string | null, kind: EditKind, text: string): EditAuthor | null {
    if (!clauseId) return null;
    const edits = (this.byClause.get(clauseId) ?? []).filter((e) => e.kind === kind);
    if (edits.length === 0) return null;
    const words = text.split(/\s+/).filter((w) => w.length > 0);
    let best = edits[edits.length - 1] as (typeof edits)[number];
    let bestScore = 0;
    for (const edit of edits) {
      const score = words.filter((w) => edit.words.has(w)).length;
      if (score >= bestScore && score > 0) {
        best = edit;
        bestScore = score;
      }
    }
    return best.author;
  }

  /**
   * Splits `text` inserted into (or deleted from) clause `clauseId` into the stretches each
   * author made: every word goes to the latest edit of that kind in the clause that added (or
   * removed) it, the spaces to the word after them (trailing spaces to the last word), words no
   * edit names to {@link authorOf} the whole. One stretch with no author when no edit touched
   * the clause that way.
   */
  split(clauseId: string | null, kind: 'ins' | 'del', text: string): { text: string; by: EditAuthor | null }[] {
    const edits = clauseId ? (this.byClause.get(clauseId) ?? []).filter((e) => e.kind === kind) : [];
    if (edits.length === 0) return [{ text, by: null }];
    const whole = this.authorOf(clauseId, kind, text);
    const pieces: { text: string; by: EditAuthor | null }[] = [];
    let pending = '';
    for (const token of text.match(/\s+|\S+/g) ?? []) {
      if (/^\s/.test(token)) {
        pending += token;
        continue;
      }
      const by = [...edits].reverse().find((e) => e.words.has(token))?.author ?? whole;
      const last = pieces[pieces.length - 1];
      if (last && last.by === by) last.text += pending + token;
      else pieces.push({ text: pending + token, by });
      pending = '';
    }
    const last = pieces[pieces.length - 1];
    if (last) last.text += pending;
    else if (pending) pieces.push({ text: pending, by: whole });
    return pieces;
  }
}
