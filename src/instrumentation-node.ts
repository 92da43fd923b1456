// A configuration problem stops the server at start-up with one clear line, not at the first request.
import { EnvError, env } from "./config/env";

try {
  env();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`homeward: ${error.message}`);
  process.exit(1);
}
