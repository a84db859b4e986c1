import JSZip from 'jszip';

/** The XML parts of a DOCX export that the tests read. */
export interface DocxParts {
  readonly document: string;
  readonly numbering: string;
  readonly core: string;
  readonly settings: string;
  readonly footer: string;
}

/** Unzips a DOCX and returns its main parts as text. */
export async function readDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const part = async (path: string): Promise<string> => (await zip.file(path)?.async('string')) ?? '';
  return {
    document: await part('word/document.xml'),
    numbering: await part('word/numbering.xml'),
    core: await part('docProps/core.xml'),
    settings: await part('word/settings.xml'),
    footer: await part('word/footer1.xml'),
  };
}

/** The visible text of each `w:p` of document.xml (inserted and kept text; deleted text excluded). */
export function paragraphTexts(document: string): string[] {
  return [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1] ?? '').join(''),
  );
}
