export { buildServer, type ServerOptions } from './app.ts';
export { openStore, databaseUrl, type Store, type StoreOptions } from './database.ts';
export { migrate } from './migrations/index.ts';
export { addUser, listUsers, type Account, type NewAccount } from './users.ts';
export { recordAudit } from './audit.ts';
export { SUBMISSION_RULES } from './submission-rules.ts';
export type { Checker } from './upload-check.ts';
export { ROLES, ROLE_NAMES, type Role } from './roles.ts';
export type { Database } from './schema.ts';
