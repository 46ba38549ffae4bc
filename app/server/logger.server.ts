import pino from "pino";
import type { Config } from "~/config.server";

/** JSON logs in production; readable lines in development. */
export function createLogger(config: Pick<Config, "logLevel" | "nodeEnv">) {
  return pino({
    level: config.logLevel,
    transport: config.nodeEnv === "development" ? { target: "pino-pretty", options: { ignore: "pid,hostname" } } : undefined,
  });
}
