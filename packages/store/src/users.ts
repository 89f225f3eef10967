import { randomUUID } from 'node:crypto';
import { Refusal, findUnit, invisibleIn, printable, type UnitList } from '@tianbao/form';
import { sql, type Kysely } from 'kysely';
import { isUniqueViolation } from './database.ts';
import { hashPassword } from './passwords.ts';
import { ROLES, ROLE_NAMES, type Role } from './roles.ts';
import { now, type Database, type UserRow } from './schema.ts';

/** An account as it is shown: never its password hash. */
export interface Account {
  id: string;
  name: string;
  role: Role;
  unit: string | null;
  createdAt: string;
  disabled: boolean;
}

/** The JSON schema of an `Account`, for the routes that answer with one. */
export const ACCOUNT_SCHEMA = {
  type: 'object',
  required: ['id', 'name', 'role', 'unit', 'createdAt', 'disabled'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    unit: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    disabled: { type: 'boolean' },
  },
} as const;

export const accountOf = (row: UserRow): Account => ({
  id: row.id,
  name: row.name,
  role: row.role,
  unit: row.unit,
  createdAt: row.created_at,
  disabled: row.disabled_at !== null,
});

export interface NewAccount {
  name: string;
  role: string;
  unit?: string | null | undefined;
  password: string;
}

/** The fewest characters a password has. */
export const PASSWORD_MIN_CHARS = 8;

/** Refuse a password too short to be one, or made of spaces only: the same rule for a new account, a change and a reset. */
export function checkPassword(password: string): void {
  if (!password) throw new Refusal('users.password.empty', '密码不能为空');
  if (!password.trim()) throw new Refusal('users.password.blank', '密码不能全是空格，请换一个');
  // Characters as a person counts them (code points): 口令 is two.
  const chars = [...password].length;
  if (chars < PASSWORD_MIN_CHARS) throw new Refusal('users.password.short', `密码至少 ${PASSWORD_MIN_CHARS} 个字符，收到的只有 ${chars} 个，请换一个长一些的`);
}

/**
 * Refuse a name that is empty, has spaces around it (a login typed without them would never match), or holds
 * a character that cannot be seen or typed (two accounts would look alike; a list of them could be forged).
 */
function checkNameWritten(name: string): void {
  if (!name.trim()) throw new Refusal('users.name.empty', '账号名不能为空，请用 --name 指定');
  if (name !== name.trim()) throw new Refusal('users.name.spaces', `账号名「${printable(name)}」的首尾有空格，请去掉空格`);
  const bad = invisibleIn(name);
  if (bad)
    throw new Refusal('users.name.invisible', `账号名「${printable(name)}」中有看不见的字符（${bad}，如换行、控制字符或零宽空格），请只用可见的字母、数字、汉字和符号`);
}

/** Refuse a name another account has, or has but for case (`Admin` beside `admin`): two such accounts are told apart by nobody. */
async function checkNameFree(db: Kysely<Database>, name: string): Promise<void> {
  const same = await db
    .selectFrom('users')
    .select('name')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  if (same) throw nameTaken(name, same.name);
}

const nameTaken = (name: string, taken: string) =>
  new Refusal('users.name.taken', taken === name ? `账号名「${name}」已被使用，请换一个名字` : `账号名「${name}」与已有账号「${taken}」只差大小写，请换一个名字`);

/**
 * Add an account. A `unit` account reports for a unit of `units` (named by its name or an alias, kept
 * by its name); city and admin accounts belong to no unit. Each mistake is a `Refusal` saying what to do.
 */
export async function addUser(db: Kysely<Database>, account: NewAccount, units: UnitList): Promise<Account> {
  const { name } = account;
  checkNameWritten(name);
  if (!(ROLES as readonly string[]).includes(account.role))
    throw new Refusal('users.role.unknown', `角色只能是 ${ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join('、')}，收到「${account.role}」`);
  const role = account.role as Role;
  const unit = unitOf(role, account.unit, units);
  checkPassword(account.password);
  await checkNameFree(db, name);
  const row: UserRow = { id: randomUUID(), name, role, unit, password_hash: await hashPassword(account.password), created_at: now(), disabled_at: null };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (e) {
    // Another process took the name (or the name but for case) since it was looked up.
    throw isUniqueViolation(e) ? nameTaken(name, name) : e;
  }
  return accountOf(row);
}

function unitOf(role: Role, given: string | null | undefined, units: UnitList): string | null {
  if (role !== 'unit') {
    if (given) throw new Refusal('users.unit.not-for-role', `${ROLE_NAMES[role]}账号（${role}）不属于某个单位，请去掉 --unit`);
    return null;
  }
  if (!given) throw new Refusal('users.unit.missing', `单位账号须用 --unit 指定所属单位，如 --unit ${units.units[0]!.name}`);
  const unit = findUnit(units, given);
  if (!unit) throw new Refusal('users.unit.unknown', `单位「${given}」不在单位名单中，可用的单位：${units.units.map((u) => u.name).join('、')}`);
  return unit.name;
}

/** Every account, by name. */
export async function listUsers(db: Kysely<Database>): Promise<Account[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map(accountOf);
}

/** The account of an id, or undefined. */
export async function findUser(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account of a name, exactly as it is written, or undefined. */
export async function findUserByName(db: Kysely<Database>, name: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

/**
 * Disable an account: it can no longer log in, and its sessions end now, on every process (a request with
 * one is refused as logged out). Disabling it again changes nothing. The account, or undefined for no such id.
 */
export async function disableUser(db: Kysely<Database>, id: string): Promise<Account | undefined> {
  const row = await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ disabled_at: now() }).where('id', '=', id).where('disabled_at', 'is', null).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  });
  return row && accountOf(row);
}

/** Let a disabled account log in again (with its password as it was). The account, or undefined for no such id. */
export async function enableUser(db: Kysely<Database>, id: string): Promise<Account | undefined> {
  await db.updateTable('users').set({ disabled_at: null }).where('id', '=', id).execute();
  const row = await findUser(db, id);
  return row && accountOf(row);
}

/**
 * Give an account a new password (the rules of `checkPassword`), and end its sessions but `keepSession`
 * (the one that changed its own password): whoever knew the old password is logged out with it.
 */
export async function setPassword(db: Kysely<Database>, id: string, password: string, keepSession?: string): Promise<void> {
  checkPassword(password);
  const password_hash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash }).where('id', '=', id).execute();
    let ended = tx.deleteFrom('sessions').where('user_id', '=', id);
    if (keepSession) ended = ended.where('id', '<>', keepSession);
    await ended.execute();
  });
}
