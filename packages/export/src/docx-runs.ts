import { type IContext, type IRunPropertiesOptions, type IXmlableObject, RunProperties, TextRun } from 'docx';

/**
 * The words of a Word paragraph as Word runs (`w:r`) and tracked changes (`w:ins`, `w:del`),
 * joined by look and attribution: the writer gives each stretch of text its formatting and who
 * changed it, and {@link joinRuns} makes neighbouring stretches that look the same one run, and
 * neighbouring changes of the same kind by the same author at the same time one change holding
 * their runs. Word itself writes one author's typing as one change, whatever the formatting inside.
 */

/** Who made a tracked change and when, as `w:author` and `w:date` write them. */
export interface ChangeSignature {
  readonly author: string;
  readonly date: string;
}

/**
 * How a stretch of text is tracked: not at all, inserted, deleted, or inserted by one author and
 * deleted by another (`w:ins` around `w:del`, as Word writes text one author inserted and another
 * deleted).
 */
export type Tracking =
  | { readonly kind: 'none' }
  | { readonly kind: 'ins'; readonly by: ChangeSignature }
  | { readonly kind: 'del'; readonly by: ChangeSignature }
  | { readonly kind: 'ins-del'; readonly by: ChangeSignature; readonly deletedBy: ChangeSignature };

/** The tracking of text that is part of a tracked change. */
type TrackedChange = Exclude<Tracking, { readonly kind: 'none' }>;

/** The formatting of a run, its `w:rPr` worked out once however many runs share it. */
export class RunLook {
  private properties: IXmlableObject | undefined | null = null;

  constructor(readonly options: IRunPropertiesOptions) {}

  /** The `w:rPr` element, or undefined for a run with the document's default formatting. */
  xml(context: IContext): IXmlableObject | undefined {
    // The object is only read when the XML is written, so every run of this look shares it.
    if (this.properties === null) this.properties = new RunProperties(this.options).prepForXml(context);
    return this.properties;
  }
}

/** One stretch of a paragraph's text, with its look and tracking, before runs are joined. */
export class TextStretch {
  constructor(
    readonly text: string,
    readonly look: RunLook,
    readonly tracking: Tracking,
  ) {}
}

function sameSignature(a: ChangeSignature, b: ChangeSignature): boolean {
  return a.author === b.author && a.date === b.date;
}

/** Whether two stretches belong to one tracked change (or are both untracked). */
function sameTracking(a: Tracking, b: Tracking): boolean {
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  if (a.kind !== b.kind || !sameSignature(a.by, b.by)) return false;
  return a.kind !== 'ins-del' || (b.kind === 'ins-del' && sameSignature(a.deletedBy, b.deletedBy));
}

/** A run of joined text. */
interface JoinedRun {
  text: string;
  readonly look: RunLook;
}

const PRESERVE = { _attr: { 'xml:space': 'preserve' } };

function runXml(run: JoinedRun, textElement: 'w:t' | 'w:delText', context: IContext): IXmlableObject {
  const properties = run.look.xml(context);
  const text = { [textElement]: [PRESERVE, run.text] };
  return { 'w:r': properties ? [properties, text] : [text] };
}

function changeXml(tag: 'w:ins' | 'w:del', id: number, by: ChangeSignature, content: IXmlableObject[]) {
  return { [tag]: [{ _attr: { 'w:id': id, 'w:author': by.author, 'w:date': by.date } }, ...content] };
}

/**
 * An element whose XML is worked out when the document is written. A `TextRun` to the paragraph
 * (whose children are typed as the library's run classes), but it writes its own XML and keeps
 * none of the run the base class would have written.
 */
class PreparedRun extends TextRun {
  constructor(private readonly write: (context: IContext) => IXmlableObject) {
    super({});
  }

  override prepForXml(context: IContext): IXmlableObject {
    return this.write(context);
  }
}

/** The tracked change holding `runs`, numbered `id` (for `ins-del`, the deletion is `id + 1`). */
function trackedXml(
  runs: readonly JoinedRun[],
  tracking: TrackedChange,
  id: number,
  context: IContext,
): IXmlableObject {
  const text = tracking.kind === 'ins' ? 'w:t' : 'w:delText';
  const xml = runs.map((run) => runXml(run, text, context));
  if (tracking.kind === 'ins') return changeXml('w:ins', id, tracking.by, xml);
  if (tracking.kind === 'del') return changeXml('w:del', id, tracking.by, xml);
  return changeXml('w:ins', id, tracking.by, [changeXml('w:del', id + 1, tracking.deletedBy, xml)]);
}

/**
 * The paragraph children of `items`: text stretches joined into runs and tracked changes (see
 * the module comment), other children (fields, breaks, comment marks, tags) kept as they are
 * and never joined across. `take` numbers each tracked change (`w:id`), in document order.
 */
export function joinRuns<T>(items: readonly (TextStretch | T)[], take: () => number): (T | TextRun)[] {
  const out: (T | TextRun)[] = [];
  let runs: JoinedRun[] = [];
  let tracking: Tracking | null = null;
  const flush = (): void => {
    const group = runs;
    const shared = tracking;
    runs = [];
    tracking = null;
    if (shared === null) return;
    if (shared.kind === 'none') {
      for (const run of group) out.push(new PreparedRun((context) => runXml(run, 'w:t', context)));
      return;
    }
    const id = take();
    if (shared.kind === 'ins-del') take();
    out.push(new PreparedRun((context) => trackedXml(group, shared, id, context)));
  };
  for (const item of items) {
    if (!(item instanceof TextStretch)) {
      flush();
      out.push(item);
      continue;
    }
    if (item.text === '') continue;
    if (tracking === null || !sameTracking(tracking, item.tracking)) {
      flush();
      tracking = item.tracking;
    }
    const last = runs[runs.length - 1];
    if (last && last.look === item.look) last.text += item.text;
    else runs.push({ text: item.text, look: item.look });
  }
  flush();
  return out;
}
