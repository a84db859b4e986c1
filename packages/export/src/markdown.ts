import { type ExportComment, noteHeading } from './comments.js';
import { documentDate, type ExportContext } from './context.js';
import {
  type Block,
  type ClauseBlock,
  clauseNote,
  clauseNumber,
  formulationLabel,
  type Run,
  showsAnnotations,
} from './model.js';
import { endsSuggestion, suggestionTag } from './suggestions.js';
import { cleanText } from './xml-text.js';

/**
 * Escapes text for Markdown: every character CommonMark gives a meaning is backslash-escaped,
 * `<` and `&` become entities (so no HTML passes through), and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return cleanText(text)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;');
}

function inline(runs: readonly Run[]): string {
  let out = '';
  runs.forEach((run, i) => {
    const lead = /^\s*/.exec(run.text)?.[0] ?? '';
    const trail = run.text.trim().length > 0 ? (/\s*$/.exec(run.text)?.[0] ?? '') : '';
    const core = run.text.slice(lead.length, run.text.length - trail.length);
    let text = escapeMarkdown(core);
    if (text.length > 0) {
      if (run.role === 'tag') text = `^${text}^`;
      if (run.em) text = `*${text}*`;
      if (run.strong) text = `**${text}**`;
      // Parentheses and spaces in the target are percent-encoded so the link cannot end early.
      if (run.href) text = `[${text}](${run.href.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)})`;
      // CriticMarkup for suggestions and changes: {++inserted++}, {--deleted--}. CriticMarkup
      // does not nest, so a suggestion's own kind wins over the change it is part of.
      const kind =
        run.suggestion?.kind ?? (run.change === 'ins' ? 'insertion' : run.change === 'del' ? 'deletion' : null);
      if (kind === 'insertion') text = `{++${text}++}`;
      if (kind === 'deletion') text = `{--${text}--}`;
    }
    // Each suggestion is followed by a CriticMarkup comment naming its delegation.
    if (run.suggestion && endsSuggestion(runs, i)) text += `{>>${escapeMarkdown(suggestionTag(run.suggestion))}<<}`;
    out += escapeMarkdown(lead) + text + escapeMarkdown(trail);
  });
  return out;
}

function clauseMd(block: ClauseBlock, annotate: boolean): string {
  const body = block.formulations
    .map((f) => {
      const label = formulationLabel(f);
      return (label ? `**${escapeMarkdown(label)}:** ` : '') + inline(f.runs);
    })
    .join(' / ');
  const status = annotate ? ` **\\(${escapeMarkdown(clauseNote(block))}\\)**` : '';
  if (block.clause === 'pp') return `${annotate ? `${escapeMarkdown(block.label)}: ` : ''}${body}${status}`;
  // No-break spaces: an indent of ordinary spaces would turn the line into a code block.
  const indent = '\u00a0'.repeat(4 * block.level);
  // Numbers are written escaped ("1\.") so Markdown does not renumber the draft's own labels.
  const num = clauseNumber(block).replace(/[.()]/g, (c) => `\\${c}`);
  return `${indent}${num ? `${num} ` : ''}${body}${status}`;
}

function blockMd(block: Block, annotate: boolean): string {
  if (block.kind === 'heading') return `## ${inline(block.runs)}`;
  if (block.kind === 'paragraph') return inline(block.runs);
  return clauseMd(block, annotate);
}

/** The stances on a clause's brackets and alternatives, one block-quoted line each. */
function positionsMd(block: Block): string[] {
  if (block.kind !== 'clause' || block.positions.length === 0) return [];
  const lines = block.positions.map((p) => `> *${escapeMarkdown(p.subject)}:* ${escapeMarkdown(p.summary)}  `);
  return [...lines, ''];
}

/** Comment threads as a block quote of notes; every line escaped. */
function notesMd(comments: readonly ExportComment[] | undefined): string[] {
  if (!comments || comments.length === 0) return [];
  const lines: string[] = [];
  for (const c of comments) {
    lines.push(`> **${escapeMarkdown(noteHeading(c))}**  `);
    for (const m of c.messages) {
      const body = m.body.split('\n').map(escapeMarkdown).join('  \n> ');
      lines.push(`> **${escapeMarkdown(m.author)}:** ${body}  `);
    }
    lines.push('>');
  }
  lines.pop();
  return [...lines, ''];
}

/**
 * Writes the draft as Markdown: header lines, the title as `#`, PPs and OPs with the
 * opening phrase in italics, OPs with their own numbers escaped (`1\.`, `\(a\)`) so renderers
 * keep them, section headings as `##`. Suggestions and changes use CriticMarkup, each
 * suggestion followed by a comment with its delegation (`{++text++}{>>France<<}`). All text is
 * escaped: no HTML or link syntax from the draft survives.
 */
export function writeMarkdown(ctx: ExportContext): string {
  const annotate = showsAnnotations(ctx.mode);
  const lines: string[] = [];
  if (ctx.room.symbol) lines.push(`**${escapeMarkdown(ctx.room.symbol)}**  `);
  lines.push(`Distr\\.: General  `, escapeMarkdown(documentDate(ctx.date)), '');
  if (ctx.room.stage) lines.push(`*${escapeMarkdown(ctx.room.stage)}*`, '');
  lines.push(`# ${escapeMarkdown(ctx.room.title)}`, '');
  const notes = (block: Block) => [
    ...positionsMd(block),
    ...(block.kind === 'clause' && block.id ? notesMd(ctx.notes.byClause.get(block.id)) : []),
  ];
  for (const block of ctx.model.preamble) lines.push(clauseMd(block, annotate), '', ...notes(block));
  for (const block of ctx.model.operative) lines.push(blockMd(block, annotate), '', ...notes(block));
  if (ctx.notes.orphaned.length > 0) lines.push('## Comments on deleted clauses', '', ...notesMd(ctx.notes.orphaned));
  return `${lines.join('\n').trimEnd()}\n`;
}
