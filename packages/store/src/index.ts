export {
  addBudgetDuration,
  type BudgetDuration,
  type BudgetDurationUnit,
  nextBudgetResetAt,
  parseBudgetDuration,
} from './budget-duration.js';
export { createStore, defaultSqlitePath, type StoreConfig } from './create-store.js';
export type * from './inputs.js';
export { generateKey, hashKey, isKeyHash, keyMatchesHash, maskKey, toKeyHash } from './key-hash.js';
export {
  type BudgetFields,
  type JsonObject,
  type KeyContext,
  type SpendDimension,
  type SpendLog,
  type SpendLogStatus,
  type SpendReportRow,
  type SpendTotals,
  spendDimensions,
  type Team,
  type TeamMember,
  type User,
  type VirtualKey,
} from './records.js';
export { normalizeSpendLog } from './spend-aggregation.js';
export type { Store, StoreBackend } from './store.js';
export { SchemaVersionError, StoreConflictError, StoreDriverMissingError } from './store-errors.js';
export {
  isTeamMemberRole,
  isUserRole,
  type TeamMemberRole,
  teamMemberRoles,
  type UserRole,
  userRoles,
} from './user-roles.js';
