import { randomUUID } from 'node:crypto';
import { Refusal, findUnit, type UnitList } from '@tianbao/form';
import type { Kysely } from 'kysely';
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
  unit?: string | undefined;
  password: string;
}

/**
 * Add an account. A `unit` account reports for a unit of `units` (named by its name or an alias, kept
 * by its name); city and admin accounts belong to no unit. Each mistake is a `Refusal` saying what to do.
 */
export async function addUser(db: Kysely<Database>, account: NewAccount, units: UnitList): Promise<Account> {
  const name = account.name.trim();
  if (!name) throw new Refusal('users.name.empty', '账号名不能为空，请用 --name 指定');
  if (!(ROLES as readonly string[]).includes(account.role))
    throw new Refusal('users.role.unknown', `角色只能是 ${ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join('、')}，收到「${account.role}」`);
  const role = account.role as Role;
  const unit = unitOf(role, account.unit, units);
  if (!account.password) throw new Refusal('users.password.empty', '密码不能为空，请从标准输入提供密码（--password-stdin）');
  const taken = () => new Refusal('users.name.taken', `账号名「${name}」已被使用，请换一个名字`);
  if (await db.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst()) throw taken();
  const row: UserRow = { id: randomUUID(), name, role, unit, password_hash: await hashPassword(account.password), created_at: now(), disabled_at: null };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (e) {
    // Another process took the name since it was looked up.
    throw isUniqueViolation(e) ? taken() : e;
  }
  return accountOf(row);
}

function unitOf(role: Role, given: string | undefined, units: UnitList): string | null {
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
