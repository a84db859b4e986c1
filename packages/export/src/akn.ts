import { type CommentNotes, type ExportComment, noteHeading } from './comments.js';
import { documentDate, type ExportContext, isoDay } from './context.js';
import { safeFileNamePart } from './filename.js';
import { type Block, type ClauseBlock, clauseNumber, type Run } from './model.js';
import { escapeXml } from './xml-text.js';

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

const MODE_STATUS: Readonly<Record<string, string>> = {
  clean: 'draft',
  compilation: 'compilation text',
  changes: 'draft with changes',
  agreed: 'agreed text',
};

function inline(runs: readonly Run[]): string {
  let out = '';
  for (const run of runs) {
    let text = escapeXml(run.text);
    if (run.role === 'tag') text = `<sup class="bracketId">${text}</sup>`;
    if (run.role === 'placeholder') text = `<placeholder>${text}</placeholder>`;
    if (run.em) text = `<i>${text}</i>`;
    if (run.strong) text = `<b>${text}</b>`;
    if (run.href) text = `<a href="${escapeXml(run.href)}">${text}</a>`;
    if (run.suggestion === 'insertion') text = `<ins class="suggestion">${text}</ins>`;
    if (run.suggestion === 'deletion') text = `<del class="suggestion">${text}</del>`;
    if (run.change === 'ins') text = `<ins>${text}</ins>`;
    if (run.change === 'del') text = `<del>${text}</del>`;
    out += text;
  }
  return out;
}

/**
 * The `<p>` elements of a clause's own text: one per formulation, alternatives labelled;
 * `refs` (note references) close the last one.
 */
function paragraphs(block: ClauseBlock, refs = ''): string {
  return block.formulations
    .map((f, i) => {
      const label = f.label ? `<span class="alternative">${escapeXml(f.label)}:</span> ` : '';
      const body = label + inline(f.runs);
      const wrapped = block.change ? `<${block.change}>${body}</${block.change}>` : body;
      return `<p>${wrapped}${i === block.formulations.length - 1 ? refs : ''}</p>`;
    })
    .join('');
}

/** Gives every element an `eId` derived from the clause id, unique within the document. */
class EIds {
  private readonly seen = new Set<string>();
  make(prefix: string, id: string | null, fallback: string): string {
    const base = `${prefix}_${id ?? fallback}`;
    let eId = base;
    for (let n = 2; this.seen.has(eId); n++) eId = `${base}_${n}`;
    this.seen.add(eId);
    return eId;
  }
}

/** Plain text as AKN inline content: escaped, line breaks as `<eol/>`. */
function lines(text: string): string {
  return text.split('\n').map(escapeXml).join('<eol/>');
}

/**
 * Comment threads as editorial notes: each thread becomes a `<note>` in the metadata, placed
 * beside its clause (`placementBase`) and referred to by a `<noteRef>` at the end of the clause's
 * text. Threads on deleted clauses are notes without a reference.
 */
class Notes {
  private readonly written: string[] = [];
  constructor(
    private readonly notes: CommentNotes,
    private readonly eIds: EIds,
  ) {}

  private note(comment: ExportComment, placementBase: string | null): string {
    const marker = String(this.written.length + 1);
    const eId = this.eIds.make('note', null, marker);
    const placement = placementBase ? ` placement="side" placementBase="${placementBase}"` : '';
    const messages = comment.messages.map((m) => `<p><b>${escapeXml(m.author)}:</b> ${lines(m.body)}</p>`).join('');
    this.written.push(
      `<note eId="${eId}" marker="${marker}"${placement}><p><b>${escapeXml(noteHeading(comment))}</b></p>${messages}</note>`,
    );
    return `<noteRef href="#${eId}" marker="${marker}"/>`;
  }

  /** Writes the notes of the clause `block` (written as `eId`) and returns their references. */
  refs(block: ClauseBlock, eId: string): string {
    const comments = block.id ? this.notes.byClause.get(block.id) : undefined;
    return (comments ?? []).map((c) => this.note(c, eId)).join('');
  }

  /** The `<notes>` element, orphaned threads last; empty when there are none. */
  meta(): string {
    for (const comment of this.notes.orphaned) this.note(comment, null);
    return this.written.length > 0 ? `<notes source="#plenary">${this.written.join('')}</notes>` : '';
  }
}

/** Writes OPs and their sub-paragraphs, nested, starting at `start`; returns the XML and the next index. */
function hierarchy(blocks: readonly Block[], start: number, level: number, eIds: EIds, notes: Notes): [string, number] {
  let out = '';
  let i = start;
  while (i < blocks.length) {
    const block = blocks[i] as Block;
    if (block.kind !== 'clause' || block.level < level) break;
    const tag = block.level === 0 ? 'paragraph' : block.level === 1 ? 'subparagraph' : 'point';
    const prefix = block.level === 0 ? 'para' : block.level === 1 ? 'subpara' : 'point';
    const eId = eIds.make(prefix, block.id, String(i));
    const text = paragraphs(block, notes.refs(block, eId));
    const [children, next] = hierarchy(blocks, i + 1, block.level + 1, eIds, notes);
    const written = clauseNumber(block);
    const number = written ? `<num>${escapeXml(written)}</num>` : '';
    out +=
      children.length > 0
        ? `<${tag} eId="${eId}">${number}<intro>${text}</intro>${children}</${tag}>`
        : `<${tag} eId="${eId}">${number}<content>${text}</content></${tag}>`;
    i = next;
  }
  return [out, i];
}

function mainBody(blocks: readonly Block[], eIds: EIds, notes: Notes): string {
  let out = '';
  let i = 0;
  let section = '';
  let sectionOpen = false;
  let sectionIndex = 0;
  const closeSection = (): void => {
    if (!sectionOpen) return;
    // A hierarchy needs at least one child; an empty section keeps its heading.
    out += section.length > 0 ? section : '<hcontainer name="empty"><content><p/></content></hcontainer>';
    out += '</section>';
    sectionOpen = false;
    section = '';
  };
  while (i < blocks.length) {
    const block = blocks[i] as Block;
    if (block.kind === 'heading') {
      closeSection();
      const key = block.key.startsWith('h:') ? block.key.slice(2) : null;
      out += `<section eId="${eIds.make('sec', key, String(sectionIndex++))}"><heading>${inline(block.runs)}</heading>`;
      sectionOpen = true;
      i++;
    } else if (block.kind === 'paragraph') {
      const p = `<hcontainer name="narrative" eId="${eIds.make('hcontainer', null, String(i))}"><content><p>${inline(block.runs)}</p></content></hcontainer>`;
      if (sectionOpen) section += p;
      else out += p;
      i++;
    } else {
      const [xml, next] = hierarchy(blocks, i, block.level, eIds, notes);
      if (sectionOpen) section += xml;
      else out += xml;
      i = next === i ? i + 1 : next;
    }
  }
  closeSection();
  return out.length > 0 ? out : '<p/>';
}

/**
 * Writes the draft as Akoma Ntoso 3.0 in the AKN4UN shape:
 * `<akomaNtoso><statement name="resolution">` with FRBR identification (work, expression,
 * manifestation), a preface (docNumber, docTitle, docProponent, docStage, docStatus), the
 * preamble as `container name="preambularParagraph"` elements, and the main body as numbered
 * `paragraph`/`subparagraph`/`point` elements inside `section`s for headed parts. `eId`s come
 * from clause ids. Changes mode uses AKN's inline `<ins>`/`<del>`. Comment threads (changes
 * mode) are editorial `<notes>` in the metadata with a `<noteRef>` in their clause. Valid against
 * the OASIS schema (the tests check with xmllint).
 */
export function writeAkn(ctx: ExportContext): string {
  const day = isoDay(ctx.date);
  const name = safeFileNamePart(ctx.room.symbol ?? ctx.room.title, 'draft');
  const work = `/akn/un/statement/resolution/${day}/${name}`;
  const expression = `${work}/eng@${ctx.revision ? safeFileNamePart(ctx.revision, 'rev') : ''}`;
  const eIds = new EIds();
  const notes = new Notes(ctx.notes, eIds);
  const date = `<FRBRdate date="${day}" name="draft"/><FRBRauthor href="#plenary"/>`;
  const preface = [
    ctx.room.symbol ? `<p><docNumber>${escapeXml(ctx.room.symbol)}</docNumber></p>` : '',
    `<p><docTitle>${escapeXml(ctx.room.title)}</docTitle></p>`,
    '<p><docProponent refersTo="#plenary">Chair</docProponent></p>',
    ctx.room.stage ? `<p><docStage>${escapeXml(ctx.room.stage)}</docStage></p>` : '',
    `<p><docStatus>${escapeXml(MODE_STATUS[ctx.mode] ?? ctx.mode)}</docStatus></p>`,
    `<p><docDate date="${day}">${escapeXml(documentDate(ctx.date))}</docDate></p>`,
  ].join('');
  const preamble = ctx.model.preamble
    .map((pp, i) => {
      const eId = eIds.make('preamble__container', pp.id, String(i));
      return `<container name="preambularParagraph" eId="${eId}">${paragraphs(pp, notes.refs(pp, eId))}</container>`;
    })
    .join('');
  const body = mainBody(ctx.model.operative, eIds, notes);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<akomaNtoso xmlns="${AKN_NAMESPACE}"><statement name="resolution">` +
    '<meta><identification source="#plenary">' +
    `<FRBRWork><FRBRthis value="${escapeXml(`${work}/!main`)}"/><FRBRuri value="${escapeXml(work)}"/>${date}<FRBRcountry value="un"/></FRBRWork>` +
    `<FRBRExpression><FRBRthis value="${escapeXml(`${expression}/!main`)}"/><FRBRuri value="${escapeXml(expression)}"/>${date}<FRBRlanguage language="eng"/></FRBRExpression>` +
    `<FRBRManifestation><FRBRthis value="${escapeXml(`${expression}/!main.xml`)}"/><FRBRuri value="${escapeXml(`${expression}.akn`)}"/>${date}</FRBRManifestation>` +
    '</identification>' +
    '<references source="#plenary"><TLCOrganization eId="plenary" href="/akn/ontology/organizations/un/plenary" showAs="Plenary"/></references>' +
    notes.meta() +
    '</meta>' +
    `<preface>${preface}</preface>` +
    (preamble ? `<preamble>${preamble}</preamble>` : '') +
    `<mainBody>${body}</mainBody>` +
    '</statement></akomaNtoso>\n'
  );
}
