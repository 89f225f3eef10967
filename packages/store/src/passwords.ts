import { hash, verify } from '@node-rs/argon2';

/** A password's argon2id hash (the library's default algorithm and cost: about 50 ms, 19 MiB), as a PHC string. */
export const hashPassword = (password: string) => hash(password);

/** A hash no password matches, checked against when the name is unknown, so that a login takes as long either way. */
let nobody: Promise<string> | undefined;

/** Whether `password` is the one `hashed` was made from (`hashed` null for an unknown name). */
export async function passwordMatches(hashed: string | null, password: string): Promise<boolean> {
  const matches = await verify(hashed ?? (await (nobody ??= hash('tianbao: no such account'))), password);
  return hashed !== null && matches;
}
