/** Who an account is: an administrator, the city's office (sees every unit), or a unit's clerk (its own unit only). */
export const ROLES = ['admin', 'city', 'unit'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = { admin: '管理员', city: '市级', unit: '单位' };
