import {
  type BaseXmlComponent,
  Bookmark,
  EMPTY_OBJECT,
  type IContext,
  type IParagraphOptions,
  type IXmlableObject,
  Paragraph,
  type ParagraphChild,
  ParagraphProperties,
} from 'docx';
import type { ChangeSignature } from './docx-runs.js';

/**
 * Word paragraphs (`w:p`) whose properties (`w:pPr`) are worked out once per layout: a long draft
 * has a few layouts (a preambular paragraph, an operative one at each level, a heading) for its
 * many paragraphs. Only the change of a paragraph's mark (`w:rPr` with `w:ins` or `w:del`, the
 * last of its properties) is its own.
 */

/** The layout options of a paragraph: everything but its content, numbering and mark. */
export type ParagraphLayout = Omit<IParagraphOptions, 'children' | 'text' | 'run' | 'numbering' | 'bullet'>;

/** A layout's property elements, worked out when the first paragraph of that layout is written. */
export class ParagraphLook {
  private properties: readonly IXmlableObject[] | null = null;

  constructor(readonly layout: ParagraphLayout) {}

  /** The children of `w:pPr` (attributes never stand alone in it). */
  xml(context: IContext): readonly IXmlableObject[] {
    if (this.properties === null) {
      const written: unknown = new ParagraphProperties(this.layout).prepForXml(context)?.['w:pPr'];
      this.properties = Array.isArray(written) ? written.filter(isXmlable) : [];
    }
    return this.properties;
  }
}

function isXmlable(value: unknown): value is IXmlableObject {
  return typeof value === 'object' && value !== null;
}

/** A tracked insertion or deletion of a paragraph mark: the paragraph itself came or went. */
export interface MarkChange {
  readonly kind: 'ins' | 'del';
  readonly id: number;
  readonly by: ChangeSignature;
}

/**
 * A paragraph of a shared layout. A `Paragraph` to the document, but it writes its own XML from
 * its look, its mark's change and its children, as the library writes a paragraph.
 */
class LaidOutParagraph extends Paragraph {
  constructor(
    private readonly look: ParagraphLook,
    private readonly content: readonly ParagraphChild[],
    private readonly mark: MarkChange | null,
  ) {
    super({});
  }

  override prepForXml(context: IContext): IXmlableObject {
    const { mark } = this;
    const properties: IXmlableObject[] = [...this.look.xml(context)];
    if (mark) {
      const attributes = { 'w:id': mark.id, 'w:author': mark.by.author, 'w:date': mark.by.date };
      properties.push({ 'w:rPr': [{ [mark.kind === 'ins' ? 'w:ins' : 'w:del']: { _attr: attributes } }] });
    }
    const children: IXmlableObject[] = properties.length > 0 ? [{ 'w:pPr': properties }] : [];
    // Children find their paragraph on the stack, as when the library writes them.
    context.stack.push(this);
    for (const child of this.content)
      for (const part of partsOf(child)) {
        const xml = part.prepForXml(context);
        if (xml) children.push(xml);
      }
    context.stack.pop();
    return { 'w:p': children.length > 0 ? children : EMPTY_OBJECT };
  }
}

/** The elements a child is written as: a bookmark is its start, its children and its end. */
function partsOf(child: ParagraphChild | BaseXmlComponent): readonly BaseXmlComponent[] {
  if (child instanceof Bookmark) return child.writtenAs.flatMap(partsOf);
  return child.writtenAs ?? [child];
}

/** A paragraph of `look` holding `children`, its mark tracked as `mark` when given. */
export function laidOutParagraph(
  look: ParagraphLook,
  children: readonly ParagraphChild[],
  mark: MarkChange | null,
): Paragraph {
  return new LaidOutParagraph(look, children, mark);
}
