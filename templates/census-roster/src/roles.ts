export const ROLES = ['组长', '副组长', '成员'] as const;
export type Role = (typeof ROLES)[number];
