import { useEffect, useState } from 'react';
import { fetchTemplates, type TemplateSummary } from '../api/templates.js';

/** The templates state of the lobby. */
export type TemplatesState =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly templates: readonly TemplateSummary[] }
  | { readonly state: 'failed'; readonly message: string };

/** Loads the template gallery from the server once. */
export function useTemplates(): TemplatesState {
  const [state, setState] = useState<TemplatesState>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    fetchTemplates().then(
      (templates) => {
        if (!cancelled) setState({ state: 'ready', templates });
      },
      (error: unknown) => {
        if (!cancelled)
          setState({ state: 'failed', message: error instanceof Error ? error.message : 'unknown error' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}
