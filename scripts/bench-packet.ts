/**
 * npm run bench:packet — generates the full packet (PDF and JSON) for a complete episode with three
 * photos many times and prints the median and 95th-percentile times and the peak memory.
 * Run by scripts/run.ts on a fresh database (DATABASE_URL).
 */
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { db } from "../src/server/db";
import { actorFrom } from "../src/server/authz/guard";
import { startEpisode } from "../src/server/episodes/start-episode";
import { saveEpisodeStep } from "../src/server/episodes/save-episode-step";
import { addPhoto } from "../src/server/photos/add-photo";
import { generatePacket } from "../src/server/packets/generate-packet";
import { renderPacketPdf } from "../src/server/packets/render-packet-pdf";
import { loadPacketSource } from "../src/server/packets/load-packet-source";
import { buildFullPacket } from "../src/domain/packet";
import { ORDERED_STEPS, completeSteps } from "../tests/fixtures/episode-steps";

const RUNS = 60;
const WARMUP = 5;
const ctx = () => ({ requestId: crypto.randomUUID() });

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (${samples.length} runs)`;
}

async function time(label: string, work: () => Promise<unknown>) {
  // One person asking for this many packets would be rate limited; the limit is not what is timed.
  const unlimited = () => db().rateLimitWindow.deleteMany();
  for (let i = 0; i < WARMUP; i++) {
    await unlimited();
    await work();
  }
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await unlimited();
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  console.log(`${label.padEnd(44)} ${stats(samples)}`);
}

async function main() {
  const agency = await db().agency.create({ data: { name: "Bench County Children's Services", timeZone: "America/New_York" } });
  const user = await db().user.create({
    data: { agencyId: agency.id, email: "bench@example.org", name: "Bench Caseworker", roles: ["CASEWORKER"], passwordHash: "x" },
  });
  const actor = actorFrom({ sessionId: crypto.randomUUID(), userId: user.id, name: user.name, email: user.email, roles: ["CASEWORKER"], agency });
  const { episodeId } = await startEpisode(
    actor,
    { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "B-1", underAgencyGuardianship: "yes" } },
    ctx(),
  );
  const steps = completeSteps(new Date());
  for (const step of ORDERED_STEPS) {
    const { version } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    await saveEpisodeStep(actor, { episodeId, step, version, values: steps[step] }, ctx());
  }
  // Three phone-camera-sized photos (12 MP, noisy so they do not compress to nothing).
  for (let i = 0; i < 3; i++) {
    const file = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#777777", noise: { type: "gaussian", mean: 120 + i * 20, sigma: 30 } } })
      .jpeg({ quality: 90 })
      .toBuffer();
    await addPhoto(actor, { episodeId, file, fields: { takenOn: "2026-10-01", attest: "yes" } }, ctx());
  }

  console.log(`Packet benchmark: complete episode, 3 photos, ${RUNS} runs after ${WARMUP} warm-up runs, Node ${process.version}`);
  let pdfBytes = 0;
  await time("PDF, full (load + build + render + audit)", async () => {
    pdfBytes = (await generatePacket(actor, { episodeId, variant: "full", format: "pdf" }, ctx())).bytes.length;
  });
  await time("JSON, full (load + build + serialise + audit)", () => generatePacket(actor, { episodeId, variant: "full", format: "json" }, ctx()));
  const source = await db().$transaction((tx) => loadPacketSource(tx, actor, episodeId));
  await time("PDF rendering only", () => renderPacketPdf(buildFullPacket(source, new Date())));
  console.log(`PDF size ${(pdfBytes / 1024).toFixed(0)} KiB; peak memory (max RSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  await db().$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
