import { docFromJSON, numberClauses } from '@plenary/schema';
import { getTemplate } from '@plenary/templates';
import type { Node as PMNode } from 'prosemirror-model';

/** A run of a preview line's text: plain words, or a blank to fill in (a placeholder). */
export interface OutlineSegment {
  readonly text: string;
  /** The placeholder's label when this run is a blank, otherwise absent. */
  readonly placeholder?: string;
}

/** One line of a template preview: a section heading or a labelled clause. */
export interface OutlineLine {
  readonly kind: 'heading' | 'clause';
  readonly label: string;
  /** The line's text as one string (placeholders as their bare text). */
  readonly text: string;
  /** The same text in runs, so that a preview can show blanks as blanks. */
  readonly segments: readonly OutlineSegment[];
  /** Nesting: 0 for PPs, OPs and headings, 1 for (a), 2 for (i). */
  readonly level: number;
}

/**
 * The runs of a block's text: adjacent text with the same placeholder label (or none) is one
 * run, whatever other marks (emphasis) it carries.
 */
function segmentsOf(block: PMNode): OutlineSegment[] {
  const out: OutlineSegment[] = [];
  block.descendants((child) => {
    if (!child.isText) return true;
    const mark = child.marks.find((m) => m.type.name === 'placeholder');
    const placeholder = mark ? String(mark.attrs.label ?? '') || (child.text ?? '') : undefined;
    const last = out[out.length - 1];
    if (last && last.placeholder === placeholder) out[out.length - 1] = { ...last, text: last.text + child.text };
    else out.push(placeholder === undefined ? { text: child.text ?? '' } : { text: child.text ?? '', placeholder });
    return false;
  });
  return out;
}

function clauseSegments(node: PMNode): OutlineSegment[] {
  const first = node.firstChild;
  if (!first) return [];
  if (first.type.name === 'alternatives') {
    return [{ text: 'Alt 1: ' }, ...(first.firstChild ? segmentsOf(first.firstChild) : [])];
  }
  return segmentsOf(first);
}

function joined(segments: readonly OutlineSegment[]): string {
  return segments.map((s) => s.text).join('');
}

/**
 * The preview of a template: its headings and clauses with their labels, as they will read in
 * the new room. Empty for an unknown id.
 */
export function templateOutline(id: string): OutlineLine[] {
  const template = getTemplate(id);
  if (!template) return [];
  const doc = docFromJSON(template.content);
  const labels = new Map(numberClauses(doc).map((n) => [n.pos, n]));
  const out: OutlineLine[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'heading') {
      const segments = segmentsOf(node);
      out.push({ kind: 'heading', label: '', text: joined(segments), segments, level: 0 });
      return false;
    }
    const number = labels.get(pos);
    if (number) {
      const level = number.kind === 'subparagraph' ? 1 : number.kind === 'subsubparagraph' ? 2 : 0;
      const segments = clauseSegments(node);
      out.push({
        kind: 'clause',
        label: level === 0 ? number.label : `(${number.number})`,
        text: joined(segments),
        segments,
        level,
      });
      return true;
    }
    return node.type.name !== 'body' && node.type.name !== 'paragraph';
  });
  return out;
}
