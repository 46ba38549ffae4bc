// Client-safe: the desk's walk-in form works out a reduced tariff's share in the browser too.

/** What a person pays of an amount under a tariff of `paysPercent` (all of it without one), and what is let go; rounded down in their favour. */
export function shareOf(amountCents: number, paysPercent: number | null): { pays: number; waived: number } {
  const pays = paysPercent === null ? amountCents : Math.floor((amountCents * paysPercent) / 100);
  return { pays, waived: amountCents - pays };
}

/** The shares a coordinator can choose: what the person still pays, in percent. */
export const tariffShares = ["0", "25", "50", "75"] as const;
