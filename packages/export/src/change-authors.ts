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
  /**
   * The words added or removed (each once per occurrence), split at spaces as the export's
   * comparison splits text; a change is matched to them by their {@link changeTokens}.
   */
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

/**
 * The tokens a change is matched by: runs of letters and digits, and each other character that
 * is not a space. Punctuation is a token of its own, so a comma written with a word and the same
 * comma set apart by a bracket in the export are one token.
 */
export function changeTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const TOKEN_OR_SPACE = /\s+|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Text inserted under a delegation's open suggestion: its tokens are that delegation's. */
export interface SuggestedText {
  readonly clauseId: string;
  readonly text: string;
  readonly delegation: string;
}

interface IndexedEdit {
  readonly kind: EditKind;
  /** Every token the edit added or removed. */
  readonly tokens: ReadonlySet<string>;
  /** How many of each token are not yet given to a tracked change. */
  readonly left: Map<string, number>;
  readonly author: EditAuthor;
}

const NO_EDITS: readonly IndexedEdit[] = [];

/** The key of the edits of one kind in one clause. */
function editKey(clauseId: string, kind: EditKind): string {
  return `${kind}:${clauseId}`;
}

/** Whether `author` ("France", "France (Jean Dupont)") is of `delegation`. */
function isOf(author: string, delegation: string): boolean {
  return author === delegation || author.startsWith(`${delegation} (`);
}

/**
 * The edits of a comparison by clause, to sign each tracked change with its author. Each token an
 * edit added (or removed) goes to one tracked change: a clause's text is split in the order the
 * export writes it, and an edit's occurrences of a token are used up as they are given. Text under
 * an open suggestion is the suggester's (its record says so): its tokens are used up first, so
 * the same word written by someone else elsewhere in the clause is not taken for it.
 */
export class EditIndex {
  /** The edits of each kind of each clause, in log order, by {@link editKey}. */
  private readonly byClause = new Map<string, IndexedEdit[]>();
  /** The author of the last token given in each clause, by `kind:clauseId`. */
  private readonly lastGiven = new Map<string, EditAuthor>();

  constructor(edits: readonly ExportEdit[] = [], suggested: readonly SuggestedText[] = []) {
    for (const edit of edits) {
      const key = editKey(edit.clauseId, edit.kind);
      const list = this.byClause.get(key) ?? [];
      const left = new Map<string, number>();
      for (const word of edit.words)
        for (const token of changeTokens(word)) left.set(token, (left.get(token) ?? 0) + 1);
      list.push({
        kind: edit.kind,
        tokens: new Set(left.keys()),
        left,
        author: { author: cleanText(edit.author).trim() || 'unattributed', at: edit.at },
      });
      this.byClause.set(key, list);
    }
    for (const { clauseId, text, delegation } of suggested) {
      const edits = this.edits(clauseId, 'ins').filter((e) => isOf(e.author.author, delegation));
      for (const token of changeTokens(text)) {
        const edit = edits.findLast((e) => (e.left.get(token) ?? 0) > 0);
        if (edit) edit.left.set(token, (edit.left.get(token) ?? 0) - 1);
      }
    }
  }

  private edits(clauseId: string | null, kind: EditKind): readonly IndexedEdit[] {
    return (clauseId && this.byClause.get(editKey(clauseId, kind))) || NO_EDITS;
  }

  /**
   * The author of `text` inserted into (or deleted from) clause `clauseId`: of the edits of that
   * kind in the clause, the one that added (or removed) most of its tokens, the later one on a
   * tie; for text no edit names (or spaces alone), the clause's last edit of that kind. Null when
   * no edit touched the clause that way: the caller signs it with its default author.
   */
  authorOf(clauseId: string | null, kind: EditKind, text: string): EditAuthor | null {
    const edits = this.edits(clauseId, kind);
    if (edits.length === 0) return null;
    const tokens = changeTokens(text);
    let best = edits[edits.length - 1] as IndexedEdit;
    let bestScore = 0;
    for (const edit of edits) {
      const score = tokens.filter((t) => edit.tokens.has(t)).length;
      if (score >= bestScore && score > 0) {
        best = edit;
        bestScore = score;
      }
    }
    return best.author;
  }

  /**
   * Splits `text` inserted into (or deleted from) clause `clauseId` into the stretches each
   * author made. Each token goes to the latest edit of that kind in the clause with an occurrence
   * of it left (using it up), else to the latest that named it at all; a token no edit names
   * (a bracket the export draws) goes with the token before it, in this text or in the last text
   * of the clause split before (the export splits a clause's changes in writing order), else with
   * the first named one after it, else to {@link authorOf} the whole; spaces go with the token
   * after them (trailing spaces with the last). One stretch with no author when no edit touched
   * the clause that way.
   */
  split(clauseId: string | null, kind: 'ins' | 'del', text: string): { text: string; by: EditAuthor | null }[] {
    const edits = this.edits(clauseId, kind);
    if (edits.length === 0) return [{ text, by: null }];
    const key = `${kind}:${clauseId}`;
    // One edit made every change of this kind in the clause: every token is its author's.
    if (edits.length === 1) {
      const only = (edits[0] as IndexedEdit).author;
      this.lastGiven.set(key, only);
      return [{ text, by: only }];
    }
    const parts: { text: string; by: EditAuthor | null }[] = [];
    let pending = '';
    for (const token of text.match(TOKEN_OR_SPACE) ?? []) {
      if (/^\s/.test(token)) {
        pending += token;
        continue;
      }
      parts.push({ text: pending + token, by: this.take(edits, token) });
      pending = '';
    }
    const before = this.lastGiven.get(key) ?? parts.find((p) => p.by)?.by ?? this.authorOf(clauseId, kind, text);
    if (parts.length === 0) return [{ text, by: before }];
    (parts[parts.length - 1] as { text: string }).text += pending;
    const pieces: { text: string; by: EditAuthor | null }[] = [];
    let by = before;
    for (const part of parts) {
      by = part.by ?? by;
      const last = pieces[pieces.length - 1];
      if (last && last.by === by) last.text += part.text;
      else pieces.push({ text: part.text, by });
    }
    if (by) this.lastGiven.set(key, by);
    return pieces;
  }

  /** The author a token goes to (see {@link split}), using up one of its occurrences. */
  private take(edits: readonly IndexedEdit[], token: string): EditAuthor | null {
    const edit = edits.findLast((e) => (e.left.get(token) ?? 0) > 0);
    if (edit) {
      edit.left.set(token, (edit.left.get(token) ?? 0) - 1);
      return edit.author;
    }
    return edits.findLast((e) => e.tokens.has(token))?.author ?? null;
  }
}
