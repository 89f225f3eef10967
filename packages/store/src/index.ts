export { openStore, databaseUrl, isUniqueViolation, type Store, type StoreOptions } from './database.ts';
export { migrate } from './migrations/index.ts';
export {
  addUser,
  listUsers,
  findUser,
  findUserByName,
  disableUser,
  enableUser,
  setPassword,
  checkPassword,
  accountOf,
  ACCOUNT_SCHEMA,
  PASSWORD_MIN_CHARS,
  type Account,
  type NewAccount,
} from './users.ts';
export { passwordMatches } from './passwords.ts';
export { loginWait, recordLoginFailure, LOGIN_FAILURES_ALLOWED } from './login-failures.ts';
export { recordAudit, type AuditEntry } from './audit.ts';
export { sessionSecret } from './settings.ts';
export { ROLES, ROLE_NAMES, type Role } from './roles.ts';
export { now, type Database, type UserRow, type TaskRow, type SubmissionRow } from './schema.ts';
