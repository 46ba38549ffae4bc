import type Stripe from "stripe";
import { z } from "zod";
import type { PlatformDb } from "~/db/accessors.server";
import type { OnlinePayments } from "./stripe.server";

// A neighbourhood connects its own Stripe account (Connect, standard accounts): the money of its
// payments goes straight to that account (direct charges, decision 0014).

export type AccountStatus = "not_connected" | "details_missing" | "payments_possible" | "payouts_possible";

export async function stripeAccountOf(platform: PlatformDb, tenantId: string) {
  return (await platform.selectFrom("stripe_accounts").selectAll().where("tenant_id", "=", tenantId).executeTakeFirst()) ?? null;
}

/** What the coordinator is shown: where the neighbourhood stands with Stripe. */
export function accountStatus(account: { details_submitted: boolean; charges_enabled: boolean; payouts_enabled: boolean } | null): AccountStatus {
  if (!account) return "not_connected";
  if (account.charges_enabled && account.payouts_enabled) return "payouts_possible";
  if (account.charges_enabled) return "payments_possible";
  return "details_missing";
}

/** Whether residents of this neighbourhood can pay online now: Stripe is set up and the account takes payments. */
export async function onlinePaymentsOpen(payments: OnlinePayments | null, platform: PlatformDb, tenantId: string): Promise<boolean> {
  if (!payments) return false;
  return (await stripeAccountOf(platform, tenantId))?.charges_enabled === true;
}

/** Stores what Stripe says about an account, for the neighbourhood it belongs to (unknown accounts change nothing). */
export async function applyAccountUpdate(platform: PlatformDb, account: Pick<Stripe.Account, "id" | "details_submitted" | "charges_enabled" | "payouts_enabled">): Promise<boolean> {
  const updated = await platform
    .updateTable("stripe_accounts")
    .set({ details_submitted: account.details_submitted, charges_enabled: account.charges_enabled, payouts_enabled: account.payouts_enabled, updated_at: new Date() })
    .where("account_id", "=", account.id)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/**
 * Starts (or continues) onboarding: makes the neighbourhood's account once (an idempotency key per
 * neighbourhood, so a double click or a retry makes no second account) and returns the address of
 * Stripe's onboarding pages.
 */
export async function onboardingLink(
  payments: OnlinePayments,
  platform: PlatformDb,
  tenant: { id: string; name: string },
  urls: { refresh: string; return: string },
): Promise<string> {
  let account = await stripeAccountOf(platform, tenant.id);
  if (!account) {
    const created = await payments.stripe.accounts.create(
      { type: "standard", country: "NL", business_profile: { name: tenant.name }, metadata: { tenant_id: tenant.id } },
      { idempotencyKey: `account:${tenant.id}` },
    );
    await platform
      .insertInto("stripe_accounts")
      .values({ tenant_id: tenant.id, account_id: created.id, details_submitted: created.details_submitted, charges_enabled: created.charges_enabled, payouts_enabled: created.payouts_enabled })
      .onConflict((conflict) => conflict.column("tenant_id").doNothing())
      .execute();
    account = (await stripeAccountOf(platform, tenant.id))!;
  }
  const link = await payments.stripe.accountLinks.create({ account: account.account_id, refresh_url: urls.refresh, return_url: urls.return, type: "account_onboarding" });
  return link.url;
}

/** Asks Stripe how the neighbourhood's account stands now (after onboarding), and stores it. */
export async function refreshAccount(payments: OnlinePayments, platform: PlatformDb, tenantId: string): Promise<void> {
  const account = await stripeAccountOf(platform, tenantId);
  if (!account) return;
  await applyAccountUpdate(platform, await payments.stripe.accounts.retrieve(account.account_id));
}

/** The platform's share of each online payment, as a platform admin types it: a percentage from 0 to 10, at most two decimals. */
export const platformFeeSchema = z.object({
  neighbourhood: z.string({ error: "neighbourhood_required" }).min(1, "neighbourhood_required").max(40),
  percent: z
    .string()
    .trim()
    .regex(/^\d{1,2}([.,]\d{1,2})?$/, "platform_fee_invalid")
    .transform((value) => Math.round(Number(value.replace(",", ".")) * 100))
    .refine((bps) => bps <= 1000, "platform_fee_invalid"),
});

/** The neighbourhoods with a Stripe account and the platform's share of each of their payments. */
export function platformFees(platform: PlatformDb) {
  return platform
    .selectFrom("stripe_accounts")
    .innerJoin("tenants", "tenants.id", "stripe_accounts.tenant_id")
    .select(["tenants.slug", "tenants.name", "stripe_accounts.application_fee_bps"])
    .orderBy("tenants.name")
    .execute();
}

/** Sets the platform's share for one neighbourhood's payments; false when it has no Stripe account. */
export async function setPlatformFee(platform: PlatformDb, slug: string, bps: number): Promise<boolean> {
  const updated = await platform
    .updateTable("stripe_accounts")
    .set({ application_fee_bps: bps, updated_at: new Date() })
    .where("tenant_id", "=", (eb) => eb.selectFrom("tenants").select("id").where("slug", "=", slug))
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
