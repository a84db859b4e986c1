import type { CommentNotes, ExportComment } from './comments.js';
import { noteHeading } from './comments.js';
import { documentDate, type ExportContext, isoDay } from './context.js';
import {
  type Block,
  type ClauseBlock,
  clauseNote,
  clauseNumber,
  formulationLabel,
  type Run,
  showsAnnotations,
} from './model.js';
import { type RunSuggestion, suggestionSummary, suggestionTag, withSuggestionTags } from './suggestions.js';
import { escapeHtml } from './xml-text.js';

const STYLE = `
body{font-family:"Times New Roman",Times,"DejaVu Serif",serif;font-size:12pt;line-height:1.4;max-width:42em;margin:2em auto;padding:0 1em;color:#000;background:#fff}
header.un{display:flex;justify-content:space-between;border-bottom:1px solid #000;padding-bottom:.3em}
header.un .symbol{font-size:1.3em}
.distr{text-align:right;margin:.5em 0 2em}
h1{font-size:1.15em;font-weight:bold;margin:1em 0 1.5em}
h2{font-size:1em;text-align:center;font-weight:bold;margin:1.5em 0 1em}
p{text-align:justify;margin:0 0 1em}
p.pp{text-indent:3em}
p.clause{display:flex;gap:.6em}
p.clause>.num{flex:none;min-width:2.4em}
p.level-1{margin-left:3em}
p.level-2{margin-left:6em}
.alt-label{font-weight:bold}
.tag{font-size:.7em;vertical-align:super;color:#595959}
.suggested-by{font-size:.7em;vertical-align:super;font-weight:bold;color:#00703c}
.suggested-by.deletion{color:#c00000}
.label,.status{font-size:.8em;color:#1f4e79;font-weight:bold}
.status{margin-left:.5em}
ins{color:#00703c;text-decoration:underline}
del{color:#c00000;text-decoration:line-through}
.placeholder{color:#5a3e85}
aside.notes{margin:-.5em 0 1em 3em;padding:.3em .8em;border-left:3px solid #1f4e79;font-family:Arial,sans-serif;font-size:.8em;color:#333}
aside.notes p,aside.positions p{text-align:left;margin:.2em 0}
aside.positions{margin:-.5em 0 1em 3em;padding:.1em .8em;border-left:3px solid #595959;font-size:.85em;color:#333}
aside.positions.level-1{margin-left:6em}
aside.positions.level-2{margin-left:9em}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}h2{break-after:avoid}p{orphans:3;widows:3}@page{margin:2.5cm}}
`;

/** A suggestion's element: `<ins>` or `<del>` with its mark id, delegation and a hover title. */
function suggestionHtml(suggestion: RunSuggestion, inner: string): string {
  const tag = suggestion.kind === 'insertion' ? 'ins' : 'del';
  const id = suggestion.id ? ` data-suggestion="${escapeHtml(suggestion.id)}"` : '';
  const delegation = suggestion.by ? ` data-delegation="${escapeHtml(suggestion.by.delegation)}"` : '';
  return `<${tag} class="suggestion"${id}${delegation} title="${escapeHtml(suggestionSummary(suggestion))}">${inner}</${tag}>`;
}

function inline(runs: readonly Run[]): string {
  let out = '';
  for (const { run, tag } of withSuggestionTags(runs)) {
    let text = escapeHtml(run.text);
    if (run.role === 'tag') text = `<sup class="tag">${text}</sup>`;
    if (run.role === 'placeholder') text = `<span class="placeholder">${text}</span>`;
    if (run.em) text = `<em>${text}</em>`;
    if (run.strong) text = `<strong>${text}</strong>`;
    if (run.href) text = `<a href="${escapeHtml(run.href)}" rel="noopener noreferrer nofollow">${text}</a>`;
    const suggestion = run.suggestion;
    if (suggestion) text = suggestionHtml(suggestion, text);
    // An insertion suggestion is itself the change; words inserted since the earlier version and
    // proposed for deletion are both.
    if (run.change === 'ins' && suggestion?.kind !== 'insertion') text = `<ins>${text}</ins>`;
    if (run.change === 'del') text = `<del>${text}</del>`;
    if (tag) text += `<sup class="suggested-by ${tag.kind}">${escapeHtml(suggestionTag(tag))}</sup>`;
    out += text;
  }
  return out;
}

function clauseHtml(block: ClauseBlock, annotate: boolean): string {
  const body = block.formulations
    .map((f) => {
      const label = formulationLabel(f);
      return (label ? `<span class="alt-label">${escapeHtml(label)}:</span> ` : '') + inline(f.runs);
    })
    .join('<br>');
  const status = annotate ? `<span class="status">(${escapeHtml(clauseNote(block))})</span>` : '';
  const id = block.id ? ` id="${escapeHtml(block.id)}"` : '';
  const change = block.change ? ` data-change="${block.change}"` : '';
  if (block.clause === 'pp') {
    const label = annotate ? `<span class="label">${escapeHtml(block.label)}</span> ` : '';
    return `<p class="pp"${id}${change}>${label}${body}${status}</p>`;
  }
  return `<p class="clause level-${block.level}"${id}${change}><span class="num">${escapeHtml(clauseNumber(block))}</span><span>${body}${status}</span></p>`;
}

/** Comment threads as an aside of notes: every text escaped, line breaks as `<br>`. */
function notesHtml(comments: readonly ExportComment[] | undefined): string {
  if (!comments || comments.length === 0) return '';
  const text = (value: string) => escapeHtml(value).replaceAll('\n', '<br>');
  const notes = comments.map(
    (c) =>
      `<p class="note-head"><strong>${text(noteHeading(c))}</strong></p>` +
      c.messages.map((m) => `<p><strong>${text(m.author)}:</strong> ${text(m.body)}</p>`).join(''),
  );
  return `<aside class="notes">${notes.join('')}</aside>`;
}

/** The stances on a clause's brackets and alternatives, as an aside under it. */
function positionsHtml(block: ClauseBlock): string {
  if (block.positions.length === 0) return '';
  const lines = block.positions.map(
    (p) => `<p><strong>${escapeHtml(p.subject)}:</strong> ${escapeHtml(p.summary)}</p>`,
  );
  // Indented with the clause's text: sub-paragraphs' notes sit under their own text.
  const level = block.level > 0 ? ` level-${block.level}` : '';
  return `<aside class="positions${level}">${lines.join('')}</aside>`;
}

function withNotes(html: string, block: Block, notes: CommentNotes): string {
  if (block.kind !== 'clause') return html;
  return html + positionsHtml(block) + (block.id ? notesHtml(notes.byClause.get(block.id)) : '');
}

function blockHtml(block: Block, annotate: boolean): string {
  if (block.kind === 'heading') return `<h2>${inline(block.runs)}</h2>`;
  if (block.kind === 'paragraph') return `<p>${inline(block.runs)}</p>`;
  return clauseHtml(block, annotate);
}

/**
 * Writes the draft as one standalone HTML file: inline print styles, no scripts, no external
 * resources (a Content-Security-Policy of `default-src 'none'` says so to the browser), every
 * text and attribute escaped, links only where `safeHref` allows them. Suggestions are
 * `<ins>`/`<del>` of class `suggestion` followed by their delegation's tag, with the person and
 * time in the element's title.
 */
export function writeHtml(ctx: ExportContext): string {
  const annotate = showsAnnotations(ctx.mode);
  const title = escapeHtml(ctx.room.title);
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="generator" content="Plenary">',
    `<meta name="date" content="${isoDay(ctx.date)}">`,
    `<title>${ctx.room.symbol ? `${escapeHtml(ctx.room.symbol)} — ` : ''}${title}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="un"><strong>United Nations</strong><span class="symbol">${escapeHtml(ctx.room.symbol ?? '')}</span></header>`,
    `<div class="distr">Distr.: General<br><time datetime="${isoDay(ctx.date)}">${escapeHtml(documentDate(ctx.date))}</time></div>`,
    ctx.room.stage ? `<p class="stage"><em>${escapeHtml(ctx.room.stage)}</em></p>` : '',
    `<h1>${title}</h1>`,
    '<section class="preamble">',
    ...ctx.model.preamble.map((b) => withNotes(clauseHtml(b, annotate), b, ctx.notes)),
    '</section>',
    '<section class="operative">',
    ...ctx.model.operative.map((b) => withNotes(blockHtml(b, annotate), b, ctx.notes)),
    '</section>',
    ctx.notes.orphaned.length > 0
      ? `<section class="orphaned-notes"><h2>Comments on deleted clauses</h2>${notesHtml(ctx.notes.orphaned)}</section>`
      : '',
    '</body>',
    '</html>',
    '',
  ];
  return parts.filter((p) => p.length > 0).join('\n');
}
