/** What Homeward says while it cannot reach its database (a 503 page, and route handlers' 503). */
export const DATABASE_UNAVAILABLE = {
  title: "Homeward cannot reach its database",
  text: "Homeward cannot reach its database right now. It will be back shortly: nothing already saved is lost, and the page you were on keeps what you typed until it can save it.",
  reportsDoNotWait:
    "The reports do not wait: if a child is missing, call law enforcement now, then NCMEC at 1-800-THE-LOST (1-800-843-5678), and record both here afterwards.",
  /** Seconds a client should wait before trying again. */
  retryAfterSeconds: 5,
} as const;

/** The 503 an API request gets: JSON the forms show, with Retry-After (the proxy's and the route handlers' alike). */
export function databaseUnavailableJson(): Response {
  return Response.json({ error: DATABASE_UNAVAILABLE.text }, { status: 503, headers: { "Retry-After": String(DATABASE_UNAVAILABLE.retryAfterSeconds) } });
}

/** The 503 page: plain HTML with no script, so it works while nothing else does. */
export function databaseUnavailablePage(): string {
  const { title, text, reportsDoNotWait } = DATABASE_UNAVAILABLE;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Homeward</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#0f172a;background:#fff;line-height:1.5}header{background:#172554;color:#fff;padding:12px 16px;font-weight:700;font-size:1.25rem}main{max-width:40rem;padding:24px 16px;margin:0 auto}h1{font-size:1.75rem;margin:0 0 12px}.urgent{border-left:8px solid #92400e;background:#fffbeb;padding:12px 16px;font-weight:600}a{color:#1e40af}a:focus-visible{outline:3px solid #1e40af;outline-offset:2px}</style>
</head>
<body><header>Homeward</header><main id="main"><h1>${title}</h1><p>${text}</p><p class="urgent">${reportsDoNotWait}</p><p><a href="">Try again</a></p></main></body>
</html>`;
}
