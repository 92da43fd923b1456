/**
 * npm run bench:upload — six 40-megapixel photos uploaded at once through addPhoto, with every one
 * decoded at once (as before the decode limit) and then PHOTO_DECODE_CONCURRENCY at a time; prints
 * the peak memory (RSS high-water mark) of each. The high-water mark never goes down, so each run
 * is a process of its own. Run by scripts/run.ts on a fresh database (DATABASE_URL).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

const UPLOADS = 6;
// 7680 × 5200 = 39.9 megapixels, just under the 40-megapixel limit; noisy, so that it is a real 7 MB JPEG.
const WIDTH = 7680;
const HEIGHT = 5200;

type Result = { decodeSlots: number; stored: number; seconds: number; baselineMiB: number; peakMiB: number };

const mib = (kib: number) => Math.round(kib / 1024);

/** One run, in this process: a fresh caseworker and episode, then the uploads all at once. */
async function measure(photoFile: string, decodeSlots: number | undefined): Promise<Result> {
  const { db } = await import("../src/server/db");
  const { actorFrom } = await import("../src/server/authz/guard");
  const { startEpisode } = await import("../src/server/episodes/start-episode");
  const { addPhoto } = await import("../src/server/photos/add-photo");
  const { photoDecodeSlots } = await import("../src/server/photos/decode-slots");
  if (decodeSlots !== undefined) photoDecodeSlots.limit = decodeSlots;

  const ctx = () => ({ requestId: crypto.randomUUID() });
  const agency = await db().agency.create({ data: { name: "Bench County Children's Services", timeZone: "America/New_York" } });
  const user = await db().user.create({
    data: { agencyId: agency.id, email: `bench-${crypto.randomUUID()}@example.org`, name: "Bench Caseworker", roles: ["CASEWORKER"], passwordHash: "x" },
  });
  const actor = actorFrom({ sessionId: crypto.randomUUID(), userId: user.id, name: user.name, email: user.email, roles: ["CASEWORKER"], agency });
  const child = { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "B-1", underAgencyGuardianship: "yes" };
  const { episodeId } = await startEpisode(actor, { newChild: child }, ctx());
  const file = readFileSync(photoFile);

  const baseline = process.resourceUsage().maxRSS;
  const start = performance.now();
  const added = await Promise.all(
    Array.from({ length: UPLOADS }, () => addPhoto(actor, { episodeId, file, fields: { takenOn: "2026-10-01", attest: "yes" } }, ctx())),
  );
  const seconds = (performance.now() - start) / 1000;
  await db().$disconnect();
  return { decodeSlots: photoDecodeSlots.limit, stored: added.length, seconds, baselineMiB: mib(baseline), peakMiB: mib(process.resourceUsage().maxRSS) };
}

function runChild(photoFile: string, decodeSlots?: number): Result {
  const args = [...process.execArgv, import.meta.filename, "--measure", photoFile, ...(decodeSlots === undefined ? [] : [String(decodeSlots)])];
  const output = execFileSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(output.trim().split("\n").at(-1)!) as Result;
}

async function main() {
  if (process.argv[2] === "--measure") {
    const slots = process.argv[4];
    console.log(JSON.stringify(await measure(process.argv[3]!, slots === undefined ? undefined : Number(slots))));
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "homeward-bench-upload-"));
  try {
    const photoFile = path.join(dir, "photo.jpg");
    const photo = await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: "#6b7b8c", noise: { type: "gaussian", mean: 128, sigma: 12 } } })
      .jpeg({ quality: 80 })
      .toBuffer();
    writeFileSync(photoFile, photo);
    console.log(
      `Upload benchmark: ${UPLOADS} uploads at once through addPhoto, each a ${((WIDTH * HEIGHT) / 1e6).toFixed(1)}-megapixel JPEG of ${(photo.length / 2 ** 20).toFixed(1)} MiB; Node ${process.version}`,
    );
    for (const [label, result] of [
      ["before: every upload decodes at once", runChild(photoFile, UPLOADS)],
      ["after: the decode limit", runChild(photoFile)],
    ] as const) {
      console.log(
        `${label.padEnd(38)} ${result.decodeSlots} at a time: peak memory (max RSS) ${result.peakMiB} MiB ` +
          `(${result.peakMiB - result.baselineMiB} MiB above the ${result.baselineMiB} MiB before the uploads), ${result.stored} stored in ${result.seconds.toFixed(1)} s`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
