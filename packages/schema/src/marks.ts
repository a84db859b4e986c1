import type { DOMOutputSpec, MarkSpec } from 'prosemirror-model';
import { readLabel } from './attrs.js';
import { safeHref } from './href.js';
import { readId } from './ids.js';

function idMark(tag: string, cls: string, extra: Partial<MarkSpec> = {}): MarkSpec {
  return {
    attrs: { id: { default: null } },
    parseDOM: [{ tag: `${tag}.${cls}`, getAttrs: (dom) => ({ id: readId(dom.getAttribute('data-id')) }) }],
    toDOM: (mark): DOMOutputSpec => {
      const id = readId(mark.attrs.id);
      return [tag, id ? { class: cls, 'data-id': id } : { class: cls }, 0];
    },
    ...extra,
  };
}

/**
 * Mark specs of the normative document. Brackets may nest (`excludes: ''`), so y-prosemirror
 * stores them under hashed keys such as `bracket--AbCdEf12`; readers strip that suffix.
 * Placeholders are their own mark and are never rendered as brackets.
 */
export const marks = {
  em: {
    parseDOM: [{ tag: 'em' }, { tag: 'i' }],
    toDOM: (): DOMOutputSpec => ['em', 0],
  },
  strong: {
    parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
    toDOM: (): DOMOutputSpec => ['strong', 0],
  },
  link: {
    attrs: { href: { default: null } },
    inclusive: false,
    parseDOM: [
      {
        tag: 'a[href]',
        getAttrs: (dom) => {
          const href = safeHref(dom.getAttribute('href'));
          return href ? { href } : false;
        },
      },
    ],
    toDOM: (mark): DOMOutputSpec => {
      // The stored href is only a claim: render it when it passes the allowlist, else plain text.
      const href = safeHref(mark.attrs.href);
      return href
        ? ['a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, 0]
        : ['span', { class: 'link-refused' }, 0];
    },
  },
  // Not inclusive: text typed at a bracket's edge stays outside it, as after a closing "]".
  bracket: idMark('span', 'bracket', { excludes: '', inclusive: false }),
  placeholder: {
    attrs: { label: { default: '' } },
    inclusive: false,
    parseDOM: [{ tag: 'span.placeholder', getAttrs: (dom) => ({ label: readLabel(dom.getAttribute('data-label')) }) }],
    toDOM: (mark): DOMOutputSpec => ['span', { class: 'placeholder', 'data-label': readLabel(mark.attrs.label) }, 0],
  },
  // Not inclusive: text typed directly at a suggestion's edge does not join it (suggest mode
  // extends one's own suggestion explicitly, see suggest-changes.ts).
  insertion: idMark('ins', 'insertion', { inclusive: false }),
  deletion: idMark('del', 'deletion', { inclusive: false }),
} satisfies Record<string, MarkSpec>;
