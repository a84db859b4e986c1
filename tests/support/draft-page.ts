import type { Page } from 'playwright-core';

/** The rendered draft of a page. */
export const DRAFT = '.draft';

/** The clause labelled `label` ("PP 1", "OP 2 (a)"); labels come from the margin decorations. */
export function clauseSelector(label: string): string {
  return `${DRAFT} .clause[data-label="${label}"]`;
}

/**
 * The text of the clause labelled `label`: its body, or (a clause collapsed to a picked
 * alternative, or holding alternatives) its first alternative's body.
 */
export function clauseBodySelector(label: string): string {
  const clause = clauseSelector(label);
  return `${clause} > .body, ${clause} > .alternatives > .alternative > .body`;
}

/** Every clause label in document order. */
export function clauseLabels(page: Page): Promise<string[]> {
  return page.$$eval(`${DRAFT} .clause[data-label]`, (nodes) => nodes.map((n) => n.getAttribute('data-label') ?? ''));
}

/**
 * Puts the caret at the start or end of the text of the clause labelled `label`, through the
 * DOM selection, which ProseMirror reads as the user's selection. Resolves once the editor's
 * own state has the caret there: the draft's element carries its view as `pmView`
 * (docs/ARCHITECTURE.md "Web app"), and the DOM point is collapsed again should the editor have
 * drawn its previous selection over it meanwhile.
 */
async function placeCaret(page: Page, label: string, where: 'start' | 'end'): Promise<void> {
  const selector = clauseBodySelector(label);
  await page.locator(selector).first().click();
  await page.waitForFunction(
    ({ selector, where }) => {
      interface DraftView {
        readonly state: { readonly selection: { readonly anchor: number; readonly head: number } };
        posAtDOM(node: Node, offset: number): number;
      }
      const body = document.querySelector(selector);
      if (!body) throw new Error(`no clause ${selector}`);
      const draft = body.closest('.draft');
      const view = (draft as (Element & { pmView?: DraftView }) | null)?.pmView;
      if (!draft || !view) throw new Error('the draft carries no editor view (pmView)');
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      const texts: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Skip remote carets and suggestion tags: their labels are text inside the body too.
        if (!node.parentElement?.closest('.remote-caret, .suggestion-tag, .bracket-glyph')) texts.push(node as Text);
      }
      const target = where === 'start' ? texts[0] : texts[texts.length - 1];
      const [node, offset]: [Node, number] = target ? [target, where === 'start' ? 0 : target.length] : [body, 0];
      const wanted = view.posAtDOM(node, offset);
      const selection = window.getSelection();
      if (!selection) throw new Error('no selection');
      const shown =
        selection.rangeCount > 0 &&
        selection.isCollapsed &&
        selection.anchorNode &&
        draft.contains(selection.anchorNode)
          ? view.posAtDOM(selection.anchorNode, selection.anchorOffset)
          : null;
      // Both must hold: the editor may still hold the caret from before the click, whose own
      // selection it has yet to read.
      const { anchor, head } = view.state.selection;
      if (shown === wanted && anchor === wanted && head === wanted && document.activeElement === draft) return true;
      if (shown !== wanted) selection.collapse(node, offset);
      return false;
    },
    { selector, where },
  );
}

/**
 * Selects the `length` characters after the caret with Shift+→, and resolves once the editor's
 * own selection spans them. The editor reads the DOM selection on `selectionchange`, after the
 * keys; on a loaded machine it may redraw its previous selection over a key's move before
 * reading it, so each key is checked in the editor's state and pressed again when it was lost.
 */
export async function selectFromCaret(page: Page, length: number): Promise<void> {
  /** Resolves with the editor's selection size once it differs from `previous` (-1: at once). */
  const sizeOtherThan = async (previous: number, timeout: number): Promise<number> => {
    const handle = await page.waitForFunction(
      (previous) => {
        const draft = document.activeElement?.closest('.draft') as
          | (Element & { pmView?: { state: { selection: { from: number; to: number } } } })
          | null
          | undefined;
        const selection = draft?.pmView?.state.selection;
        if (selection === undefined) return false;
        const size = selection.to - selection.from;
        return size === previous ? false : { size };
      },
      previous,
      { timeout },
    );
    return ((await handle.jsonValue()) as { size: number }).size;
  };
  let size = await sizeOtherThan(-1, 5_000);
  for (let presses = 0; size < length && presses < length * 3; presses++) {
    await page.keyboard.press('Shift+ArrowRight');
    size = await sizeOtherThan(size, 2_000).catch(() => size);
  }
  if (size !== length) throw new Error(`selected ${size} characters after the caret, not ${length}`);
}

/** Puts the caret at the end of the clause's own text. */
export function caretAtEndOf(page: Page, label: string): Promise<void> {
  return placeCaret(page, label, 'end');
}

/** Puts the caret at the start of the clause's own text. */
export function caretAtStartOf(page: Page, label: string): Promise<void> {
  return placeCaret(page, label, 'start');
}

/**
 * Puts the caret `offset` characters into the first text of the clause labelled `label` that
 * holds `needle`, counted from where `needle` starts, and resolves once the editor's own state
 * has the caret there (as `caretAtStartOf` does).
 */
export async function caretInText(page: Page, label: string, needle: string, offset: number): Promise<void> {
  const selector = clauseBodySelector(label);
  await page.locator(selector).first().click();
  await page.waitForFunction(
    ({ selector, needle, offset }) => {
      interface DraftView {
        readonly state: { readonly selection: { readonly anchor: number; readonly head: number } };
        posAtDOM(node: Node, offset: number): number;
      }
      const body = document.querySelector(selector);
      if (!body) throw new Error(`no clause ${selector}`);
      const draft = body.closest('.draft');
      const view = (draft as (Element & { pmView?: DraftView }) | null)?.pmView;
      if (!draft || !view) throw new Error('the draft carries no editor view (pmView)');
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      let target: Text | null = null;
      for (let node = walker.nextNode(); node && !target; node = walker.nextNode()) {
        if (node.parentElement?.closest('.remote-caret, .suggestion-tag, .bracket-glyph')) continue;
        if ((node.textContent ?? '').includes(needle)) target = node as Text;
      }
      if (!target) return false;
      const at = (target.textContent ?? '').indexOf(needle) + offset;
      const wanted = view.posAtDOM(target, at);
      const selection = window.getSelection();
      if (!selection) throw new Error('no selection');
      const shown =
        selection.rangeCount > 0 &&
        selection.isCollapsed &&
        selection.anchorNode &&
        draft.contains(selection.anchorNode)
          ? view.posAtDOM(selection.anchorNode, selection.anchorOffset)
          : null;
      const { anchor, head } = view.state.selection;
      if (shown === wanted && anchor === wanted && head === wanted && document.activeElement === draft) return true;
      if (shown !== wanted) selection.collapse(target, at);
      return false;
    },
    { selector, needle, offset },
  );
}

/**
 * Waits until the draft is loaded (its first clause is shown). On timeout the error carries
 * what the page shows instead, which is what one needs to know when it fails.
 */
export async function waitForDraft(page: Page, timeout = 20_000): Promise<void> {
  try {
    await page.locator(`${DRAFT} .clause[data-label]`).first().waitFor({ timeout });
  } catch (error) {
    const shown = await page
      .locator('body')
      .textContent()
      .catch(() => '(page gone)');
    throw new Error(`the draft did not load at ${page.url()}; the page shows:\n${shown}`, { cause: error });
  }
}

/** Waits until the save indicator reads `text`. */
export async function waitForSaveState(page: Page, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="save-state"]')?.textContent?.trim() === expected,
    text,
    { timeout },
  );
}

/** The save indicator's text now. */
export async function saveState(page: Page): Promise<string> {
  return ((await page.locator('[data-testid="save-state"]').textContent()) ?? '').trim();
}

/**
 * What a drafting page shows of its editor and connection: the clause's text, whether the
 * draft is editable and focused, where the caret is, the save indicator and any banner. Used
 * in timeout errors, where the question is whether typing reached the editor at all.
 */
function describeDraftPage(page: Page, label: string): Promise<string> {
  return page
    .evaluate((selector) => {
      const draft = document.querySelector('.draft');
      const anchor = window.getSelection()?.anchorNode ?? null;
      const anchorElement = anchor instanceof Element ? anchor : (anchor?.parentElement ?? null);
      return JSON.stringify({
        clause: document.querySelector(selector)?.textContent ?? null,
        editable: draft?.getAttribute('contenteditable') ?? null,
        focused: document.activeElement === draft,
        caretIn: anchorElement?.closest('.clause')?.getAttribute('data-label') ?? null,
        saveState: document.querySelector('[data-testid="save-state"]')?.textContent ?? null,
        banners: [...document.querySelectorAll('[data-problem]')].map((b) => b.textContent),
      });
    }, clauseBodySelector(label))
    .catch((error: unknown) => `(page state unreadable: ${String(error)})`);
}

/**
 * Waits until the clause labelled `label` contains `text`. On timeout the error carries what
 * `page` and the `others` (the pages that typed) show of that clause and their editors.
 */
export async function waitForClauseText(
  page: Page,
  label: string,
  text: string,
  options: { timeout?: number; others?: readonly Page[] } = {},
): Promise<void> {
  try {
    await page.waitForFunction(
      ({ selector, expected }) => (document.querySelector(selector)?.textContent ?? '').includes(expected),
      { selector: clauseBodySelector(label), expected: text },
      { timeout: options.timeout ?? 15_000 },
    );
  } catch (error) {
    const states = await Promise.all([page, ...(options.others ?? [])].map((p) => describeDraftPage(p, label)));
    const lines = states.map((state, i) => `${i === 0 ? 'waiting page' : `other page ${i}`}: ${state}`);
    throw new Error(`${label} never showed "${text}"\n${lines.join('\n')}`, { cause: error });
  }
}

/**
 * Creates a room from the lobby with `template` and `title`, and waits until the creator is in
 * the room with the draft loaded and saved. Returns the room id.
 */
export async function createRoomFromLobby(
  page: Page,
  baseUrl: string,
  options: { template: string; title: string; symbol?: string; name?: string },
): Promise<string> {
  await page.goto(`${baseUrl}/`);
  await page.locator(`[data-template="${options.template}"]`).click();
  await page.locator('input[name="title"]').fill(options.title);
  if (options.symbol) await page.locator('input[name="symbol"]').fill(options.symbol);
  if (options.name) await page.locator('input[name="name"]').fill(options.name);
  await page.locator('.create-form button[type="submit"]').click();
  await page.waitForURL(/\/rooms\/[A-Za-z0-9_-]+$/);
  await waitForDraft(page);
  await waitForSaveState(page, 'All changes saved');
  const room = new URL(page.url()).pathname.split('/').pop();
  if (!room) throw new Error(`no room id in ${page.url()}`);
  return room;
}

/** Selects the side column's tab named `name` ("Outline", "Comments", "Library", "Coverage", "People"). */
export async function openSideTab(page: Page, name: string): Promise<void> {
  // A tab's accessible name may say more than its label ("Comments, 2 unread").
  const tab = page.getByRole('tab', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(,|$)`) });
  await tab.click();
  await page.waitForFunction(
    (label) =>
      [...document.querySelectorAll('[role="tab"]')].some(
        (t) => t.textContent?.startsWith(label) && t.getAttribute('aria-selected') === 'true',
      ),
    name,
  );
}

/** Opens the chair's share dialog (when it is not open yet) and waits for it. */
export async function openShareDialog(page: Page): Promise<void> {
  if ((await page.locator('dialog.share-dialog[open]').count()) === 0) {
    await openSideTab(page, 'People');
    await page.getByRole('button', { name: 'Share…' }).click();
  }
  await page.getByRole('dialog', { name: 'Share this room' }).waitFor();
}

/**
 * Mints an invite in the chair's share dialog and returns the link. The dialog stays open when
 * `keepOpen` is set, and is closed otherwise (a modal dialog makes the rest of the page inert).
 */
export async function inviteFromRoom(
  page: Page,
  delegation: string,
  options: { role?: 'delegate' | 'observer' | 'chair'; person?: string; days?: number; keepOpen?: boolean } = {},
): Promise<string> {
  await openShareDialog(page);
  const dialog = page.locator('dialog.share-dialog');
  const role = options.role ?? 'delegate';
  await dialog.locator('input[name="delegation"]').fill(delegation);
  await dialog.locator('input[name="person"]').fill(options.person ?? '');
  await dialog.locator('select[name="role"]').selectOption(role);
  if (options.days) await dialog.locator('select[name="ttl"]').selectOption(String(options.days));
  const link = dialog.locator('[data-testid="invite-link"]');
  const previous = (await link.count()) > 0 ? await link.inputValue() : '';
  await dialog.getByRole('button', { name: 'Make invite link' }).click();
  await page.waitForFunction((before) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="invite-link"]');
    return input !== null && input.value !== '' && input.value !== before;
  }, previous);
  const url = await link.inputValue();
  if (!options.keepOpen) await dialog.getByRole('button', { name: 'Close the share dialog' }).click();
  return url;
}

/**
 * Opens `room` with `token` as an invite link would, and waits until the draft is loaded and
 * the page says everything is saved.
 */
export async function openRoomPage(page: Page, httpUrl: string, room: string, token: string): Promise<void> {
  await page.goto(`${httpUrl}/rooms/${room}#invite=${token}`);
  await waitForDraft(page);
  await waitForSaveState(page, 'All changes saved');
}

/** Creates a room through the HTTP API; returns its id and the creator's chair token. */
export async function createRoomByApi(
  httpUrl: string,
  body: { title: string; template: string; symbol?: string; name?: string },
): Promise<{ room: string; token: string }> {
  const response = await fetch(`${httpUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST /api/rooms answered ${response.status}`);
  const created = (await response.json()) as { room: { id: string }; token: string };
  return { room: created.room.id, token: created.token };
}

/**
 * The text of the clause labelled `label` as the reader sees it: without the labels of other
 * people's carets, which are text inside the clause too.
 */
export function clauseTextOf(page: Page, label: string): Promise<string> {
  return page.evaluate((selector) => {
    const body = document.querySelector(selector);
    if (!body) throw new Error(`no clause ${selector}`);
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('.remote-caret, .suggestion-tag, .bracket-glyph'))
        text += node.textContent ?? '';
    }
    return text;
  }, clauseBodySelector(label));
}

/** Waits until the clause labelled `label` reads exactly `text` (other people's carets left out). */
export async function waitForClauseTextToBe(page: Page, label: string, text: string, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(
      ({ selector, expected }) => {
        const body = document.querySelector(selector);
        if (!body) return false;
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        let shown = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.parentElement?.closest('.remote-caret, .suggestion-tag, .bracket-glyph'))
            shown += node.textContent ?? '';
        }
        return shown === expected;
      },
      { selector: clauseBodySelector(label), expected: text },
      { timeout },
    );
  } catch (error) {
    const shown = await clauseTextOf(page, label).catch(() => '(clause unreadable)');
    throw new Error(`${label} never read "${text}"; it reads "${shown}"`, { cause: error });
  }
}

/**
 * Waits until the element with test id `testId` holds `text`; on timeout the error says what it
 * holds instead.
 */
export async function waitForTestIdText(page: Page, testId: string, text: string, timeout = 10_000): Promise<void> {
  try {
    await page.waitForFunction(
      ({ id, expected }) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(expected) === true,
      { id: testId, expected: text },
      { timeout },
    );
  } catch (error) {
    const shown = await page.getByTestId(testId).textContent();
    throw new Error(`${testId} never said "${text}"; it says "${shown}"`, { cause: error });
  }
}

/** Waits until the toolbar's notice (why a command could not act) holds `text`. */
export function waitForNotice(page: Page, text: string): Promise<void> {
  return waitForTestIdText(page, 'command-notice', text);
}
