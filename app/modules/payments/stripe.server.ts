import Stripe from "stripe";

/** The platform's Stripe settings (config.server.ts); without them there is no online payment. */
export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Another address for the API (the tests' fake, stripe-mock); Stripe's own when left out. */
  apiUrl?: string;
}

/** What the app needs to take payments online: the SDK client and the webhook's signing secret. */
export interface OnlinePayments {
  stripe: Stripe;
  webhookSecret: string;
  /** Where our forms send people on to (Checkout, Connect onboarding): the page's form-action policy allows them. */
  redirectOrigins: string[];
}

/**
 * One Stripe client for the platform. Calls for a neighbourhood name its connected account
 * (`stripeAccount`) per request, so one client serves every neighbourhood.
 */
export function createOnlinePayments(settings: StripeSettings): OnlinePayments {
  const url = settings.apiUrl ? new URL(settings.apiUrl) : null;
  const address = url
    ? { host: url.hostname, port: Number(url.port) || (url.protocol === "https:" ? 443 : 80), protocol: url.protocol === "https:" ? ("https" as const) : ("http" as const) }
    : {};
  const stripe = new Stripe(settings.secretKey, { ...address, maxNetworkRetries: 2, timeout: 15_000, appInfo: { name: "Wijkplaats" } });
  const redirectOrigins = url ? [url.origin] : ["https://checkout.stripe.com", "https://connect.stripe.com"];
  return { stripe, webhookSecret: settings.webhookSecret, redirectOrigins };
}
