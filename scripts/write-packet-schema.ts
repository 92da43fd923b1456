/** Writes docs/ncmec-packet.schema.json from the packet's zod schema (a test checks it is current). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { packetJsonSchema } from "../src/lib/packet-json-schema";

const target = path.resolve(import.meta.dirname, "..", "docs", "ncmec-packet.schema.json");
writeFileSync(target, `${JSON.stringify(packetJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
