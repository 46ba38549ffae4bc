import path from "node:path";
import { z } from "zod";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PLATFORM_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+$/, "use a bare host name such as wijkplaats.nl or localhost")
      .default("localhost"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
    DATA_DIR: z.string().min(1).default("./.data"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: booleanFromEnv.default(false),
    MIGRATE_ON_START: booleanFromEnv.default(true),
    SEED_DEMO: booleanFromEnv.optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
    MAIL_FROM: z.string().min(3).optional(),
    PUBLIC_URL: z.url("must be a URL such as https://wijkplaats.nl").optional(),
    UPLOAD_DIR: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(3).optional(),
    S3_REGION: z.string().min(1).default("eu-central-1"),
    S3_ENDPOINT: z.url("must be a URL such as https://s3.example.com").optional(),
    S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key (sk_test_… or sk_live_…)").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, "must be a webhook signing secret (whsec_…)").optional(),
    // Another address for Stripe's API (stripe-mock, or the tests' fake); Stripe's own by default.
    STRIPE_API_URL: z.url("must be a URL such as http://127.0.0.1:12111").optional(),
  })
  .refine((env) => !env.STRIPE_SECRET_KEY || env.STRIPE_WEBHOOK_SECRET, {
    path: ["STRIPE_WEBHOOK_SECRET"],
    message: "is needed when STRIPE_SECRET_KEY is set (the webhook endpoint's signing secret)",
  })
  .transform((env) => ({
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    platformDomain: env.PLATFORM_DOMAIN,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir: path.resolve(env.DATA_DIR),
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    migrateOnStart: env.MIGRATE_ON_START,
    // The embedded default is for trying the product: seed demo neighbourhoods unless told otherwise.
    seedDemo: env.SEED_DEMO ?? env.DATABASE_URL === undefined,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? `Wijkplaats <noreply@${env.PLATFORM_DOMAIN}>`,
    // Where people reach the platform, for links in emails sent outside a request (reminders).
    publicUrl: env.PUBLIC_URL ?? `http://${env.PLATFORM_DOMAIN}:${env.PORT}/`,
    storage: {
      localDir: path.resolve(env.UPLOAD_DIR ?? path.join(env.DATA_DIR, "uploads")),
      s3: env.S3_BUCKET
        ? { bucket: env.S3_BUCKET, region: env.S3_REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: env.S3_FORCE_PATH_STYLE }
        : undefined,
    },
    // Online payments are off unless the platform's Stripe keys are set (decision 0014).
    stripe: env.STRIPE_SECRET_KEY ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET!, apiUrl: env.STRIPE_API_URL } : null,
  }));

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads the environment once. Empty strings count as unset, so `PORT=` falls back to the default. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const got = env[name];
  throw new ConfigError(
    `Invalid configuration: ${name}: ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`,
  );
}
