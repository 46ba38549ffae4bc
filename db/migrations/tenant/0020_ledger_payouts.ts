import { type Kysely, sql } from "kysely";
import { inTenantSchema } from "./schema";

// Which Stripe payout took an online payment or refund is only known days later (decision 0014).
// The append-only ledger allows that one more change: `stripe_payout` may be filled once, from
// empty; everything else stays as 0015 set it (only erasure may change the person and reason).
const ERASED_ON_REQUEST = "(verwijderd op verzoek van de bewoner)";

export async function up(db: Kysely<any>): Promise<void> {
  await inTenantSchema(db, async () => {
    await sql`
      create or replace function ledger_entries_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'ledger entries are never deleted';
        end if;
        if (to_jsonb(new) - 'member_id' - 'reason' - 'stripe_payout') is distinct from (to_jsonb(old) - 'member_id' - 'reason' - 'stripe_payout')
           or (new.member_id is distinct from old.member_id and new.member_id is not null)
           or (new.reason is distinct from old.reason and new.reason is distinct from ${sql.lit(ERASED_ON_REQUEST)})
           or (new.stripe_payout is distinct from old.stripe_payout and old.stripe_payout is not null) then
          raise exception 'ledger entries are never changed';
        end if;
        return new;
      end $$`.execute(db);
  });
}

export async function down(): Promise<void> {
  // Going back would make the payouts already noted unchangeable anyway; nothing to undo.
}
