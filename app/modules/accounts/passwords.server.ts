import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum).
export const hashPassword = (password: string) => hash(password);

/** Always spends the time of one verification, so a missing account cannot be told apart by timing. */
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await (dummyHash ??= hash("wijkplaats-timing-equaliser")), password);
    return false;
  }
  return verify(passwordHash, password);
}
