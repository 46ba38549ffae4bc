import { createContext, useContext } from "react";

/**
 * The per-request nonce of the Content-Security-Policy (set in app/server/app.ts). Only the server
 * render knows it; in the browser it is empty, which is fine: scripts are already running.
 */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
