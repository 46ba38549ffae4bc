import { type Kysely, sql } from "kysely";
import { inTenantSchema } from "./schema";

// One ledger for all of a neighbourhood's money (decision 0014). Every movement is one row that
// is never changed or deleted: a payment received (cash or online), a refund (also a deposit
// given back), or a waiver (nothing moves; the amount forgiven and why). Each row says what it was
// for: the module, the record (a loan, a repair, a home job, a meal sign-up) and the purpose (fee,
// deposit, contribution, meal, activity). There is no foreign key to the record: rows point into
// several tables, and they outlive what they point at (a meal sign-up erased with its person).
//
// The payment columns the modules kept until now (cash / waived and why, a deposit's return, the
// kitchen's meal_payments) move into the ledger here and are dropped, so there is one truth.
const ERASED_ON_REQUEST = "(verwijderd op verzoek van de bewoner)";
const NOT_NOTED = "(niet genoteerd, van vóór het kasboek)";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("ledger_entries")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("module", "text", (c) => c.notNull().check(sql`module in ('tool_library', 'repairs', 'home_jobs', 'kitchen', 'activities')`))
    .addColumn("record_type", "text", (c) => c.notNull().check(sql`record_type in ('loan', 'repair', 'home_job', 'activity_signup')`))
    .addColumn("record_id", "uuid", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('fee', 'deposit', 'contribution', 'meal', 'activity')`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('payment', 'refund', 'waiver')`))
    .addColumn("method", "text", (c) => c.check(sql`method in ('cash', 'online')`))
    .addColumn("amount_cents", "integer", (c) => c.notNull().check(sql`amount_cents between 0 and 10000000`))
    .addColumn("reason", "text", (c) => c.check(sql`char_length(reason) between 1 and 300`))
    // What it was for, without personal data ("Lening 12: Boormachine"): the bookkeeper's "what".
    .addColumn("description", "text", (c) => c.notNull().check(sql`char_length(description) between 1 and 200`))
    .addColumn("member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("recorded_by", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("stripe_payment_intent", "text")
    .addColumn("stripe_refund", "text")
    .addColumn("stripe_fee_cents", "integer", (c) => c.check(sql`stripe_fee_cents >= 0`))
    .addColumn("stripe_payout", "text")
    // A waiver moves no money; money moves in cash or online.
    .addCheckConstraint("ledger_entries_method", sql`(kind = 'waiver') = (method is null)`)
    .addCheckConstraint("ledger_entries_reason", sql`kind = 'payment' or reason is not null`)
    .addCheckConstraint("ledger_entries_online", sql`(method = 'online') = (stripe_payment_intent is not null)`)
    .execute();
  // A record's fee (deposit, contribution…) is paid once and waived once at most; refunds may be
  // several (partial). This is what keeps a double click, a re-sent form or a webhook delivered
  // twice from paying twice.
  await db.schema
    .createIndex("ledger_entries_once")
    .on("ledger_entries")
    .columns(["record_type", "record_id", "purpose", "kind"])
    .unique()
    .where(sql.ref("kind"), "<>", "refund")
    .execute();
  await db.schema.createIndex("ledger_entries_refund_once").on("ledger_entries").column("stripe_refund").unique().execute();
  await db.schema.createIndex("ledger_entries_record").on("ledger_entries").columns(["record_type", "record_id"]).execute();
  await db.schema.createIndex("ledger_entries_occurred").on("ledger_entries").column("occurred_at").execute();
  await db.schema.createIndex("ledger_entries_member").on("ledger_entries").column("member_id").execute();

  await inTenantSchema(db, async () => {
    await appendOnly(db);
    await moveExistingPayments(db);
  });

  await db.schema.alterTable("loans").dropConstraint("loans_waived_reason").execute();
  await db.schema.alterTable("loans").dropColumn("deposit_payment").dropColumn("fee_payment").dropColumn("waived_reason").dropColumn("deposit_returned_at").execute();
  await db.schema.alterTable("repairs").dropConstraint("repairs_waived_reason").execute();
  await db.schema.alterTable("repairs").dropColumn("contribution_payment").dropColumn("waived_reason").execute();
  await db.schema.alterTable("home_jobs").dropConstraint("home_jobs_waived_reason").execute();
  await db.schema.alterTable("home_jobs").dropColumn("contribution_payment").dropColumn("waived_reason").execute();
  await db.schema.dropTable("meal_payments").execute();
}

/**
 * Append-only. The one change allowed is erasure: the person's link goes and a waiver's or
 * refund's reason (which may say something about them) is replaced by a fixed text.
 */
async function appendOnly(db: Kysely<any>): Promise<void> {
  await sql`
    create function ledger_entries_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'ledger entries are never deleted';
      end if;
      if (to_jsonb(new) - 'member_id' - 'reason') is distinct from (to_jsonb(old) - 'member_id' - 'reason')
         or (new.member_id is distinct from old.member_id and new.member_id is not null)
         or (new.reason is distinct from old.reason and new.reason is distinct from ${sql.lit(ERASED_ON_REQUEST)}) then
        raise exception 'ledger entries are never changed';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger ledger_entries_append_only before update or delete on ledger_entries
    for each row execute function ledger_entries_append_only()`.execute(db);
}

/** Every cash or waived note the modules kept becomes a ledger entry at the moment it was made. */
async function moveExistingPayments(db: Kysely<any>): Promise<void> {
  const kindOf = (column: string) => sql.raw(`case ${column} when 'waived' then 'waiver' else 'payment' end`);
  const methodOf = (column: string) => sql.raw(`case ${column} when 'cash' then 'cash' end`);
  const reasonOf = (column: string) => sql`case ${sql.raw(column)} when 'waived' then coalesce(waived_reason, ${sql.lit(NOT_NOTED)}) end`;
  const loan = sql.raw(`'Lening ' || tools.number || ': ' || left(tools.name, 150)`);

  for (const purpose of ["deposit", "fee"] as const) {
    await sql`
      insert into ledger_entries (occurred_at, module, record_type, record_id, purpose, kind, method, amount_cents, reason, description, member_id, recorded_by)
      select loans.checked_out_at, 'tool_library', 'loan', loans.id, ${sql.lit(purpose)}, ${kindOf(`${purpose}_payment`)}, ${methodOf(`${purpose}_payment`)},
             loans.${sql.raw(`${purpose}_cents`)}, ${reasonOf(`${purpose}_payment`)}, ${loan}, loans.member_id, loans.checked_out_by
      from loans join tools on tools.id = loans.tool_id
      where loans.${sql.raw(`${purpose}_payment`)} is not null`.execute(db);
  }
  // A deposit given back at the desk was a deposit held in cash.
  await sql`
    insert into ledger_entries (occurred_at, module, record_type, record_id, purpose, kind, method, amount_cents, reason, description, member_id, recorded_by)
    select loans.deposit_returned_at, 'tool_library', 'loan', loans.id, 'deposit', 'refund', 'cash', loans.deposit_cents,
           'Borg terug bij inleveren', ${loan}, loans.member_id, loans.returned_by
    from loans join tools on tools.id = loans.tool_id
    where loans.deposit_returned_at is not null and loans.deposit_payment = 'cash'`.execute(db);

  await sql`
    insert into ledger_entries (occurred_at, module, record_type, record_id, purpose, kind, method, amount_cents, reason, description, member_id, recorded_by)
    select coalesce(collected_at, done_at, updated_at), 'repairs', 'repair', id, 'contribution', ${kindOf("contribution_payment")}, ${methodOf("contribution_payment")},
           contribution_cents, ${reasonOf("contribution_payment")}, 'Reparatie ' || number, member_id, null
    from repairs where contribution_payment is not null`.execute(db);

  await sql`
    insert into ledger_entries (occurred_at, module, record_type, record_id, purpose, kind, method, amount_cents, reason, description, member_id, recorded_by)
    select coalesce(done_at, updated_at), 'home_jobs', 'home_job', id, 'contribution', ${kindOf("contribution_payment")}, ${methodOf("contribution_payment")},
           coalesce(materials_cents, 0), ${reasonOf("contribution_payment")}, 'Klus van ' || to_char(created_at, 'DD-MM-YYYY'), requester_id, null
    from home_jobs where contribution_payment is not null`.execute(db);

  await sql`
    insert into ledger_entries (occurred_at, module, record_type, record_id, purpose, kind, method, amount_cents, reason, description, member_id, recorded_by)
    select meal_payments.recorded_at, 'kitchen', 'activity_signup', meal_payments.signup_id, 'meal',
           case meal_payments.method when 'waived' then 'waiver' else 'payment' end,
           case meal_payments.method when 'cash' then 'cash' end,
           meal_payments.amount_cents,
           case meal_payments.method when 'waived' then ${sql.lit(NOT_NOTED)} end,
           'Maaltijd ' || to_char(activity_dates.day, 'DD-MM-YYYY') || ': ' || left(activities.title, 150),
           activity_signups.member_id, meal_payments.recorded_by
    from meal_payments
    join activity_signups on activity_signups.id = meal_payments.signup_id
    join activity_dates on activity_dates.id = activity_signups.date_id
    join activities on activities.id = activity_dates.activity_id`.execute(db);
}

export async function down(): Promise<void> {
  // The ledger replaced the modules' own payment columns; going back would lose refunds and
  // online payments, so this migration is one way (restore a backup instead).
  throw new Error("0015_ledger cannot be undone");
}
