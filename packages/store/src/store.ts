import type {
  BudgetResetResult,
  CursorPage,
  DeleteOptions,
  DeletionResult,
  KeyFilter,
  KeyRegeneration,
  KeyUpdate,
  NewKey,
  NewSpendLog,
  NewTeam,
  NewUser,
  Page,
  SpendBatchResult,
  SpendLogFilter,
  SpendReportQuery,
  SpendTotalsFilter,
  TeamFilter,
  TeamUpdate,
  UserFilter,
  UserUpdate,
} from './inputs.js';
import type {
  KeyContext,
  SpendLog,
  SpendReportRow,
  SpendTotals,
  Team,
  TeamMember,
  User,
  VirtualKey,
} from './records.js';

export type StoreBackend = 'sqlite' | 'postgres';

/**
 * The governance data layer: virtual keys, users, teams, spend logs and daily rollups, with the
 * same behaviour on SQLite and PostgreSQL. Every method is atomic. Methods that find nothing to
 * act on resolve to null (or an empty list) rather than throwing; a duplicate id or alias rejects
 * with `StoreConflictError`, an invalid `budget_duration` or role with a `BadRequestError`.
 */
export interface Store {
  readonly backend: StoreBackend;

  /** Stores a new key (by hash). */
  createKey(key: NewKey): Promise<VirtualKey>;
  /** The key with this hash, expired or blocked included; null when unknown or deleted. */
  getKey(token: string): Promise<VirtualKey | null>;
  /** The key with its user and team: what authentication and enforcement need, in one call. */
  getKeyContext(token: string): Promise<KeyContext | null>;
  listKeys(filter?: KeyFilter): Promise<Page<VirtualKey>>;
  updateKey(token: string, update: KeyUpdate): Promise<VirtualKey | null>;
  /** Replaces the hash (and masked name) of a key in place; the old hash stops working at once. */
  regenerateKey(token: string, replacement: KeyRegeneration): Promise<VirtualKey | null>;
  setKeyBlocked(token: string, blocked: boolean, by?: string | null): Promise<VirtualKey | null>;
  /**
   * Deletes keys for good (an archived copy is kept apart, never read for authentication).
   * Resolves to the hashes actually deleted.
   */
  deleteKeys(tokens: ReadonlyArray<string>, options?: DeleteOptions): Promise<string[]>;

  createUser(user: NewUser): Promise<User>;
  getUser(userId: string): Promise<User | null>;
  listUsers(filter?: UserFilter): Promise<Page<User>>;
  updateUser(userId: string, update: UserUpdate): Promise<User | null>;
  /** Deletes users, their team memberships and their keys. */
  deleteUsers(userIds: ReadonlyArray<string>, options?: DeleteOptions): Promise<DeletionResult>;

  createTeam(team: NewTeam): Promise<Team>;
  getTeam(teamId: string): Promise<Team | null>;
  listTeams(filter?: TeamFilter): Promise<Page<Team>>;
  updateTeam(teamId: string, update: TeamUpdate): Promise<Team | null>;
  setTeamBlocked(teamId: string, blocked: boolean, by?: string | null): Promise<Team | null>;
  /** Adds members, or changes the role of existing ones. Null when the team does not exist. */
  addTeamMembers(teamId: string, members: ReadonlyArray<TeamMember>): Promise<Team | null>;
  removeTeamMembers(teamId: string, userIds: ReadonlyArray<string>): Promise<Team | null>;
  /** Deletes teams, their memberships and their keys. */
  deleteTeams(teamIds: ReadonlyArray<string>, options?: DeleteOptions): Promise<DeletionResult>;

  /**
   * Inserts spend logs and, in the same transaction, adds the spend of the logs not seen before
   * to their key, user and team and to the daily rollups. Replaying a batch changes nothing.
   */
  recordSpendBatch(logs: ReadonlyArray<NewSpendLog>): Promise<SpendBatchResult>;
  /** Spend logs, newest first, paged by cursor. */
  listSpendLogs(filter?: SpendLogFilter): Promise<CursorPage<SpendLog>>;
  /** Totals over the daily rollups (all time when no dates are given). */
  globalSpend(filter?: SpendTotalsFilter): Promise<SpendTotals>;
  /** Totals grouped by the requested dimensions (day, key, user, team, model, …). */
  spendReport(query: SpendReportQuery): Promise<SpendReportRow[]>;

  /**
   * Zeroes the spend of every key, user and team whose budget period ended at `now` (default: the
   * store's clock) and moves its `budget_reset_at` to the next period end after `now`. Safe to run
   * from several replicas at once: each period is reset once.
   */
  resetExpiredBudgets(now?: Date): Promise<BudgetResetResult>;

  /** Resolves when the database answers (readiness probes). */
  ping(): Promise<void>;
  /** Closes the connections the store opened (an injected pool is left open). */
  close(): Promise<void>;
}
