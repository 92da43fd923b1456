// A configuration problem stops the server at start-up with one clear line, not at the first request.
import { EnvError, env } from "./config/env";
import { installClientAddressHook } from "./server/rate-limit/client-address";

try {
  // Rate limits count the client's address: taken from the socket, or behind TRUST_PROXY proxies.
  installClientAddressHook(env().TRUST_PROXY);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`homeward: ${error.message}`);
  process.exit(1);
}
