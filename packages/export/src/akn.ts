import { type CommentNotes, type ExportComment, noteHeading } from './comments.js';
import { documentDate, type ExportContext, isoDay } from './context.js';
import { safeFileNamePart } from './filename.js';
import { type Block, type ClauseBlock, clauseNumber, type Run, showsAnnotations } from './model.js';
import { type PositionEntry, type PositionIndex, stanceSummary } from './positions.js';
import {
  type RunSuggestion,
  type SuggestionAuthor,
  suggestionSummary,
  suggestionTag,
  withSuggestionTags,
} from './suggestions.js';
import { escapeXml } from './xml-text.js';

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

const MODE_STATUS: Readonly<Record<string, string>> = {
  clean: 'draft',
  compilation: 'compilation text',
  changes: 'draft with changes',
  agreed: 'agreed text',
};

/**
 * The `<p>` elements of a clause's own text: one per formulation; `refs` (note references) close
 * the last one. Alternatives are AKN alternatives: each `<p class="alternative">` has an `eId`
 * under the clause's (`para_X__alt_2`), and every one after the first names the first as the
 * text it is an `alternativeTo`; in changes mode the proposer is its `refersTo` and the stances
 * its title. The label ("Alt 2:") opens it.
 */
function paragraphs(block: ClauseBlock, eId: string, parts: Parts, refs = ''): string {
  let first = '';
  return block.formulations
    .map((f, i) => {
      let attrs = '';
      if (f.label) {
        const own = parts.eIds.make(`${eId}__alt`, null, String(i + 1));
        attrs = ` eId="${own}" class="alternative"${first ? ` alternativeTo="#${first}"` : ''}`;
        if (i === 0) first = own;
        const entry = f.optionId ? parts.positions?.entry(f.optionId) : undefined;
        attrs += proposerAttributes(entry, parts);
      }
      const label = f.label ? `<span class="alternativeLabel">${escapeXml(f.label)}:</span> ` : '';
      const body = label + inline(f.runs, parts);
      const wrapped = block.change ? `<${block.change}>${body}</${block.change}>` : body;
      return `<p${attrs}>${wrapped}${i === block.formulations.length - 1 ? refs : ''}</p>`;
    })
    .join('');
}

/**
 * `refersTo` naming who proposed a bracket or alternative (a `TLCOrganization`) and a title with
 * the stances, in the annotated modes only (the clean and agreed texts name no delegation).
 */
function proposerAttributes(entry: PositionEntry | undefined, parts: Parts): string {
  if (!parts.positions || !entry?.proposedBy) return '';
  const summary = stanceSummary(entry) || `Proposed by ${entry.proposedBy}`;
  const refers = parts.proponents.refersTo({ delegation: entry.proposedBy, person: null, createdAt: 0 });
  return ` refersTo="${refers}" title="${escapeXml(summary)}"`;
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

/**
 * The delegations and persons suggestions are attributed to, as ontology references
 * (`TLCOrganization`, `TLCPerson`) that a suggestion's `refersTo` names.
 */
class Proponents {
  private readonly written = new Map<string, string>();
  private readonly elements: string[] = [];
  constructor(private readonly eIds: EIds) {}

  private reference(element: 'TLCOrganization' | 'TLCPerson', name: string): string {
    const key = `${element}\u0000${name}`;
    const known = this.written.get(key);
    if (known) return known;
    const slug = safeFileNamePart(name, 'unnamed');
    const eId = this.eIds.make(element === 'TLCOrganization' ? 'delegation' : 'person', slug, slug);
    const path = element === 'TLCOrganization' ? 'organizations' : 'persons';
    this.elements.push(
      `<${element} eId="${eId}" href="/akn/ontology/${path}/un/${escapeXml(slug)}" showAs="${escapeXml(name)}"/>`,
    );
    this.written.set(key, eId);
    return eId;
  }

  /** The `refersTo` value of a suggestion by `by`: its delegation, then its person. */
  refersTo(by: SuggestionAuthor): string {
    const refs = [this.reference('TLCOrganization', by.delegation)];
    if (by.person) refs.push(this.reference('TLCPerson', by.person));
    return refs.map((eId) => `#${eId}`).join(' ');
  }

  /** The references, in the order first named. */
  references(): string {
    return this.elements.join('');
  }
}

/** A suggestion's `<ins>`/`<del>`: class `suggestion`, its proponents, a title with person and time. */
function suggestionXml(suggestion: RunSuggestion, inner: string, proponents: Proponents): string {
  const tag = suggestion.kind === 'insertion' ? 'ins' : 'del';
  const refers = suggestion.by ? ` refersTo="${proponents.refersTo(suggestion.by)}"` : '';
  return `<${tag} class="suggestion"${refers} title="${escapeXml(suggestionSummary(suggestion))}">${inner}</${tag}>`;
}

/**
 * The inline content of runs. A bracket is AKN's generic inline, `<inline name="bracket">`, with
 * an `eId` from the bracket's id, holding its `[`, words and `]` (nested brackets nest); in changes
 * mode its proposer is its `refersTo`, the stances its title, and the proposer follows it as
 * `<sup class="proposedBy">`. A bracket the earlier version had and this one has not is only
 * its struck `[ ]`.
 */
function inline(runs: readonly Run[], parts: Parts): string {
  const { proponents } = parts;
  let out = '';
  let open = 0;
  // The tag sits against the suggestion's last word, its trailing spaces after it (suggestions.ts).
  for (const { run, tag } of withSuggestionTags(runs)) {
    let text = escapeXml(run.text);
    const opens = run.role === 'bracket' && run.text === '[' && run.change !== 'del';
    const closes = run.role === 'bracket' && run.text === ']' && run.change !== 'del' && open > 0;
    if (run.role === 'tag') text = `<sup class="proposedBy">${text}</sup>`;
    if (run.role === 'placeholder') text = `<placeholder>${text}</placeholder>`;
    if (run.em) text = `<i>${text}</i>`;
    if (run.strong) text = `<b>${text}</b>`;
    if (run.href) text = `<a href="${escapeXml(run.href)}">${text}</a>`;
    const suggestion = run.suggestion;
    if (suggestion) text = suggestionXml(suggestion, text, proponents);
    // An insertion suggestion is itself the change; words inserted since the earlier version and
    // proposed for deletion are both.
    if (run.change === 'ins' && suggestion?.kind !== 'insertion') text = `<ins>${text}</ins>`;
    if (run.change === 'del') text = `<del>${text}</del>`;
    if (tag) text += `<sup class="suggestedBy">${escapeXml(suggestionTag(tag))}</sup>`;
    if (opens) {
      const id = run.bracket ?? '';
      const eId = parts.eIds.make('bracket', id === '' ? null : safeFileNamePart(id, 'bracket'), String(open + 1));
      const entry = id ? parts.positions?.entry(id) : undefined;
      text = `<inline name="bracket" eId="${eId}"${proposerAttributes(entry, parts)}>${text}`;
      open++;
    }
    if (closes) {
      text += '</inline>';
      open--;
    }
    out += text;
  }
  return out + '</inline>'.repeat(open);
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

/**
 * What the body writers share: the document's eIds, the comment notes, the proponents of
 * suggestions, brackets and alternatives, and (changes mode) the positions that name them.
 */
interface Parts {
  readonly eIds: EIds;
  readonly notes: Notes;
  readonly proponents: Proponents;
  readonly positions: PositionIndex | null;
}

/** Writes OPs and their sub-paragraphs, nested, starting at `start`; returns the XML and the next index. */
function hierarchy(blocks: readonly Block[], start: number, level: number, parts: Parts): [string, number] {
  const { eIds, notes } = parts;
  let out = '';
  let i = start;
  while (i < blocks.length) {
    const block = blocks[i] as Block;
    if (block.kind !== 'clause' || block.level < level) break;
    const tag = block.level === 0 ? 'paragraph' : block.level === 1 ? 'subparagraph' : 'point';
    const prefix = block.level === 0 ? 'para' : block.level === 1 ? 'subpara' : 'point';
    const eId = eIds.make(prefix, block.id, String(i));
    const text = paragraphs(block, eId, parts, notes.refs(block, eId));
    const [children, next] = hierarchy(blocks, i + 1, block.level + 1, parts);
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

function mainBody(blocks: readonly Block[], parts: Parts): string {
  const { eIds } = parts;
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
      out += `<section eId="${eIds.make('sec', key, String(sectionIndex++))}"><heading>${inline(block.runs, parts)}</heading>`;
      sectionOpen = true;
      i++;
    } else if (block.kind === 'paragraph') {
      const p = `<hcontainer name="narrative" eId="${eIds.make('hcontainer', null, String(i))}"><content><p>${inline(block.runs, parts)}</p></content></hcontainer>`;
      if (sectionOpen) section += p;
      else out += p;
      i++;
    } else {
      const [xml, next] = hierarchy(blocks, i, block.level, parts);
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
 * from clause ids. Changes mode uses AKN's inline `<ins>`/`<del>`; open suggestions are
 * `<ins>`/`<del>` of class `suggestion` whose `refersTo` names their delegation (and person) among
 * the references, followed by a `<sup>` tag with the delegation ("unattributed" without a record). Comment threads (changes
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
  const parts: Parts = {
    eIds,
    notes,
    proponents: new Proponents(eIds),
    positions: showsAnnotations(ctx.mode) ? ctx.positions : null,
  };
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
      return `<container name="preambularParagraph" eId="${eId}">${paragraphs(pp, eId, parts, notes.refs(pp, eId))}</container>`;
    })
    .join('');
  const body = mainBody(ctx.model.operative, parts);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<akomaNtoso xmlns="${AKN_NAMESPACE}"><statement name="resolution">` +
    '<meta><identification source="#plenary">' +
    `<FRBRWork><FRBRthis value="${escapeXml(`${work}/!main`)}"/><FRBRuri value="${escapeXml(work)}"/>${date}<FRBRcountry value="un"/></FRBRWork>` +
    `<FRBRExpression><FRBRthis value="${escapeXml(`${expression}/!main`)}"/><FRBRuri value="${escapeXml(expression)}"/>${date}<FRBRlanguage language="eng"/></FRBRExpression>` +
    `<FRBRManifestation><FRBRthis value="${escapeXml(`${expression}/!main.xml`)}"/><FRBRuri value="${escapeXml(`${expression}.akn`)}"/>${date}</FRBRManifestation>` +
    '</identification>' +
    '<references source="#plenary"><TLCOrganization eId="plenary" href="/akn/ontology/organizations/un/plenary" showAs="Plenary"/>' +
    `${parts.proponents.references()}</references>` +
    notes.meta() +
    '</meta>' +
    `<preface>${preface}</preface>` +
    (preamble ? `<preamble>${preamble}</preamble>` : '') +
    `<mainBody>${body}</mainBody>` +
    '</statement></akomaNtoso>\n'
  );
}
