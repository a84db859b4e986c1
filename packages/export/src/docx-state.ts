import type { IRunPropertiesOptions } from 'docx';
import type { EditAuthor } from './change-authors.js';
import { type ExportContext, isoSecond } from './context.js';
import { type ParagraphLayout, ParagraphLook } from './docx-paragraphs.js';
import { type ChangeSignature, RunLook } from './docx-runs.js';
import { type RunSuggestion, suggestionAuthor, suggestionTime } from './suggestions.js';

/**
 * Numbers tracked changes (`w:id` must be unique within the document) and knows the clause
 * being written, whose edits in the provenance log sign its changes. Keeps what many runs share
 * (their looks, their authors and dates) once per document rather than once per run.
 */
export class RevisionIds {
  private next = 1;
  /** The id of the clause being written, or null outside clauses. */
  clauseId: string | null = null;
  /** The side of a move the paragraph being written is (docx-moves.ts), or null. */
  move: { readonly side: 'from' | 'to'; readonly name: string } | null = null;
  private readonly looks = new Map<string, RunLook>();
  private readonly layouts = new Map<string, ParagraphLook>();
  private readonly byEdit = new Map<EditAuthor, ChangeSignature>();
  private readonly bySuggestion = new Map<RunSuggestion, ChangeSignature>();
  private readonly byMove = new Map<string, ChangeSignature>();
  private byExport: ChangeSignature | null = null;
  readonly take = (): number => this.next++;

  /** The look of the runs `key` names, made by `options` the first time. */
  look(key: string, options: () => IRunPropertiesOptions): RunLook {
    let look = this.looks.get(key);
    if (!look) {
      look = new RunLook(options());
      this.looks.set(key, look);
    }
    return look;
  }

  /** The shared properties of the paragraphs of `layout`. */
  layout(layout: ParagraphLayout): ParagraphLook {
    const key = JSON.stringify(layout);
    let look = this.layouts.get(key);
    if (!look) {
      look = new ParagraphLook(layout);
      this.layouts.set(key, look);
    }
    return look;
  }

  /** The signature of the changes of an edit of the provenance log, dated when it was made. */
  edit(by: EditAuthor): ChangeSignature {
    let signature = this.byEdit.get(by);
    if (!signature) {
      signature = { author: by.author, date: isoSecond(new Date(by.at)) };
      this.byEdit.set(by, signature);
    }
    return signature;
  }

  /** The signature of the changes no edit accounts for: `ctx.author`, dated the export. */
  exported(ctx: ExportContext): ChangeSignature {
    this.byExport ??= { author: ctx.author, date: isoSecond(ctx.date) };
    return this.byExport;
  }

  /** A suggestion's signature: its delegation (and person), dated when it was made. */
  suggestion(suggestion: RunSuggestion, ctx: ExportContext): ChangeSignature {
    let signature = this.bySuggestion.get(suggestion);
    if (!signature) {
      signature = { author: suggestionAuthor(suggestion), date: suggestionTime(suggestion, ctx.date) };
      this.bySuggestion.set(suggestion, signature);
    }
    return signature;
  }

  /** The signature of one side of move `name` (an author `moveAuthor` marks), made by `make` the first time. */
  moveSide(side: 'from' | 'to', name: string, make: () => ChangeSignature): ChangeSignature {
    const key = `${side}:${name}`;
    let signature = this.byMove.get(key);
    if (!signature) {
      signature = make();
      this.byMove.set(key, signature);
    }
    return signature;
  }
}
