import { OPERATION_NAMES, type OperationName } from '@plenary/protocol';
import { z } from 'zod';
import {
  accessReport,
  type BeforeClosing,
  closeRoom,
  type InviteDeps,
  InviteSchema,
  inviteToRoom,
  RevocationSchema,
  RoomSettingsPatchSchema,
  RoomTitleSchema,
  requireChair,
  retitleRoom,
  revoke,
  updateSettings,
} from './chair-operations.js';
import { HttpError } from './errors.js';
import {
  BracketIdSchema,
  ClauseStatusSchema,
  PickSchema,
  pickAlternative,
  removeBracket,
  StanceSchema,
  setClauseStatus,
  takeStance,
} from './positions/position-operations.js';
import { publicRecord } from './public-record.js';
import {
  CompareSchema,
  compareRevisions,
  getRevision,
  IssueRevisionSchema,
  issueRevision,
  listRevisions,
  RevisionIdSchema,
  restoreRevision,
} from './revisions/revision-operations.js';
import type { Revocation } from './storage/storage.js';
import {
  DecideSchema,
  decideSuggestion,
  decideSuggestions,
  SuggestionIdSchema,
} from './suggestions/suggestion-operations.js';
import type { Identity } from './tokens.js';

/** Arguments of an operation that takes none: an empty object, extra fields refused. */
const NoArgsSchema = z.object({}).strict();

/** Who asks for an operation on which room, and what the operation may call back. */
export interface OperationCall {
  readonly identity: Identity;
  readonly room: string;
  /** Reads the arguments; called only after the role check, so a refused caller's body is never read. */
  readonly readArgs: () => Promise<unknown>;
  /** See {@link BeforeClosing}: receives the operation's result before any connection closes. */
  readonly beforeClosing?: BeforeClosing<unknown>;
}

interface OperationSpec<A> {
  /** What the role check names in its refusal ("only the chair may …"). */
  readonly action: string;
  /** False for an operation whose rule checks who may call it (withdrawing one's own suggestion, a stance). */
  readonly chairOnly?: boolean;
  readonly args: z.ZodType<A>;
  run(deps: InviteDeps, call: OperationCall, args: A): Promise<unknown>;
}

/** Parses operation arguments with `schema`, naming the first offending field in the 400. */
export function parseArgs<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

/** Types one table entry against its own argument schema, then widens it for the table. */
function spec<A>(value: OperationSpec<A>): OperationSpec<unknown> {
  return value;
}

/** A revocation as both paths answer it. */
function revocationAnswer(revocation: Revocation) {
  return {
    kind: revocation.kind,
    value: revocation.value,
    revokedAt: new Date(revocation.revokedAt).toISOString(),
    revokedBy: revocation.revokedBy,
  };
}

/**
 * Every chair operation by name: the role check, the argument shape (the HTTP body's) and the
 * rule in `chair-operations.ts` it runs. The HTTP routes and websocket message 103 both dispatch
 * through this table, so they answer alike.
 */
const OPERATIONS: Readonly<Record<OperationName, OperationSpec<unknown>>> = {
  settings: spec({
    action: 'change room settings',
    args: RoomSettingsPatchSchema,
    run: (deps, call, args) => updateSettings(deps, call.identity, call.room, args),
  }),
  title: spec({
    action: 'change the room title or symbol',
    args: RoomTitleSchema,
    run: async (deps, call, args) => publicRecord(await retitleRoom(deps, call.identity, call.room, args)),
  }),
  revoke: spec({
    action: 'revoke access',
    args: RevocationSchema,
    run: async (deps, call, args) => {
      const notify = call.beforeClosing;
      const revocation = await revoke(
        deps,
        call.identity,
        call.room,
        args,
        notify ? (stored) => notify(revocationAnswer(stored)) : undefined,
      );
      return revocationAnswer(revocation);
    },
  }),
  archive: spec({
    action: 'archive the room',
    args: NoArgsSchema,
    run: (deps, call) => closeWith(deps, call, 'archived'),
  }),
  delete: spec({
    action: 'delete the room',
    args: NoArgsSchema,
    run: (deps, call) => closeWith(deps, call, 'deleted'),
  }),
  access: spec({
    action: 'see who holds access',
    args: NoArgsSchema,
    run: (deps, call) => accessReport(deps, call.identity, call.room),
  }),
  invite: spec({
    action: 'issue invites',
    args: InviteSchema,
    run: (deps, call, args) => inviteToRoom(deps, call.identity, call.room, args),
  }),
  'suggestion-accept': decideOne('accept suggestions', 'accept'),
  'suggestion-reject': decideOne('reject suggestions', 'reject'),
  'suggestion-withdraw': decideOne('withdraw suggestions', 'withdraw', false),
  stance: spec({
    action: 'take stances',
    chairOnly: false,
    args: StanceSchema,
    run: (deps, call, args) => takeStance(deps, call.identity, call.room, args),
  }),
  'clause-status': spec({
    action: "set a clause's status",
    args: ClauseStatusSchema,
    run: (deps, call, args) => setClauseStatus(deps, call.identity, call.room, args),
  }),
  'alternative-pick': spec({
    action: 'pick an alternative',
    args: PickSchema,
    run: (deps, call, args) => pickAlternative(deps, call.identity, call.room, args),
  }),
  'bracket-remove': spec({
    action: 'remove a bracket',
    args: BracketIdSchema,
    run: (deps, call, args) => removeBracket(deps, call.identity, call.room, args),
  }),
  'suggestions-decide': spec({
    action: 'decide suggestions',
    args: DecideSchema,
    run: async (deps, call, args) => ({
      suggestions: await decideSuggestions(deps, call.identity, call.room, args),
    }),
  }),
  revisions: spec({
    action: 'list revisions',
    chairOnly: false,
    args: NoArgsSchema,
    run: (deps, call) => listRevisions(deps, call.room),
  }),
  revision: spec({
    action: 'read revisions',
    chairOnly: false,
    args: RevisionIdSchema,
    run: (deps, call, args) => getRevision(deps, call.room, args.id),
  }),
  'revision-issue': spec({
    action: 'issue revisions',
    args: IssueRevisionSchema,
    run: async (deps, call, args) => ({ revision: await issueRevision(deps, call.identity, call.room, args) }),
  }),
  'revision-compare': spec({
    action: 'compare revisions',
    chairOnly: false,
    args: CompareSchema,
    run: (deps, call, args) => compareRevisions(deps, call.room, args),
  }),
  'revision-restore': spec({
    action: 'restore revisions',
    args: RevisionIdSchema,
    run: (deps, call, args) => restoreRevision(deps, call.identity, call.room, args.id),
  }),
};

/**
 * The operation deciding one suggestion by its id. Withdrawing is not chair-only: the rule in
 * `decideSuggestion` lets only the suggestion's own delegation do it.
 */
function decideOne(
  action: string,
  decision: 'accept' | 'reject' | 'withdraw',
  chairOnly = true,
): OperationSpec<unknown> {
  return spec({
    action,
    chairOnly,
    args: SuggestionIdSchema,
    run: async (deps, call, args) => ({
      suggestions: await decideSuggestion(deps, call.identity, call.room, args.id, decision),
    }),
  });
}

async function closeWith(
  deps: InviteDeps,
  call: OperationCall,
  status: 'archived' | 'deleted',
): Promise<{ room: string; status: typeof status }> {
  const answer = { room: call.room, status };
  const notify = call.beforeClosing;
  await closeRoom(deps, call.identity, call.room, status, notify ? () => notify(answer) : undefined);
  return answer;
}

/** Whether `name` names a chair operation. */
export function isOperationName(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}

/**
 * Runs operation `op`: the role check first (403 `chair_only`; withdrawing checks the author in
 * its rule; reading, listing and comparing revisions are open to every role), then the arguments (400
 * `invalid_request` naming the field), then the rule. Resolves with the JSON answer; rejects
 * with `HttpError` for every refusal.
 */
export async function runOperation(deps: InviteDeps, op: OperationName, call: OperationCall): Promise<unknown> {
  const operation = OPERATIONS[op];
  if (operation.chairOnly !== false) requireChair(call.identity, operation.action);
  const args = parseArgs(operation.args, await call.readArgs());
  return operation.run(deps, call, args);
}
