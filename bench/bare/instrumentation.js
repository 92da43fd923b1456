// The bare page starts nothing: this file also keeps the build from taking the repository's own
// src/instrumentation.ts (the workspace root is the repository, for its node_modules).
export function register() {}
