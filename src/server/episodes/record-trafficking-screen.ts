import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { foundAt } from "@/domain/episode-clocks";
import { ZTraffickingScreenSchema, screeningInstrumentOptions } from "@/lib/schemas/episode-debrief";
import { changeEpisode } from "./change-episode";
import { checkedInstant, requireRecovered } from "./debrief-checks";
import { parseStep } from "./field-errors";

/**
 * Records a sex-trafficking screen's result, with or without an interview: the instrument (built in,
 * or one on the agency's own list), its version, the level of concern, who screened and when (in the
 * agency's zone, not in the future, not before the child was found). Refused before the recovery.
 */
export async function recordTraffickingScreen(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number; screenId: string }> {
  const form = parseStep(ZTraffickingScreenSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "trafficking", version: form.version }, async ({ tx, loaded, who, now }) => {
    const { facts } = loaded;
    const recoveredAt = requireRecovered(facts, "trafficking", "recording a trafficking screen");
    const agency = await tx.agency.findUniqueOrThrow({ where: { id: facts.agencyId }, select: { screeningInstruments: true } });
    if (!screeningInstrumentOptions(agency.screeningInstruments).some((option) => option.code === form.instrument)) {
      throw new ValidationError({ instrument: "Choose a screening instrument from the list." });
    }
    const screenedAt = checkedInstant("screenedAt", form.screenedAt, {
      timeZone: facts.timeZone,
      now,
      what: "of the screen",
      notBefore: { at: foundAt(facts) ?? recoveredAt, what: "the child was found" },
    });
    const screen = await tx.traffickingScreen.create({
      data: {
        agencyId: facts.agencyId,
        episodeId: facts.id,
        instrument: form.instrument,
        version: form.instrumentVersion,
        result: form.result,
        screenedBy: form.screenedBy,
        screenedAt,
        recordedById: actor.userId,
        recordedAt: now,
      },
      select: { id: true },
    });
    await audit(tx, who, "trafficking.screen_recorded", { target: { type: "Episode", id: facts.id }, details: { screenId: screen.id } });
    return { screenId: screen.id };
  });
}
