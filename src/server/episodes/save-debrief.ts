import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { debriefGaps } from "@/domain/episode-closure";
import type { DebriefFacts } from "@/domain/episode-facts";
import { DEBRIEF_SECTIONS, ZDebriefSchema, type DebriefSection } from "@/lib/schemas/episode-debrief";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { checkedInstant, requireRecovered, writeDebrief, type DebriefValues } from "./debrief-checks";
import { parseStep } from "./field-errors";

type Answers = Pick<DebriefFacts, (typeof DEBRIEF_SECTIONS)[DebriefSection][number]>;

const NOTHING_WRITTEN: Answers = {
  interviewerName: null,
  interviewerRole: null,
  interviewedAt: null,
  place: "",
  othersPresent: "",
  ranFrom: [],
  ranTo: [],
  factorsNarrative: "",
  responseNow: "",
  plansLater: "",
  stayedWhere: "",
  stayedWith: "",
  needsMet: "",
  harm: "",
};

const DEBRIEF_SECTION_KEYS: readonly DebriefSection[] = ["interview", "factors", "experiences"];

/** A text left empty is not known (null); a field left out stays undefined. */
const blankToNull = <T extends string>(text: T | undefined): T | null | undefined => (text === undefined ? undefined : text === "" ? null : text);

/** The answers that were sent, without the ones left out. */
function definedOf(values: DebriefValues): DebriefValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/**
 * Saves the return debrief's answers as they are written: only the fields sent change, and any may
 * be empty (what is still missing is said when it is marked complete). The interview's time is in
 * the agency's zone, not in the future and not before the recovery. Refused before the child's
 * recovery, and when a debrief already marked complete would be left with something missing.
 */
export async function saveDebrief(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  const form = parseStep(ZDebriefSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "debrief", version: form.version }, async ({ tx, loaded, who, now }) => {
    const { facts } = loaded;
    const recoveredAt = requireRecovered(facts, "debrief", "recording the return debrief");
    const { version: _version, interviewerName, interviewerRole, interviewedAt, ...texts } = form;
    // A field left out is undefined: kept as it was.
    const answers: DebriefValues = {
      ...texts,
      interviewerName: blankToNull(interviewerName),
      interviewerRole: blankToNull(interviewerRole),
      interviewedAt:
        interviewedAt === undefined
          ? undefined
          : interviewedAt === ""
            ? null
            : checkedInstant("interviewedAt", interviewedAt, { timeZone: facts.timeZone, now, what: "of the interview", notBefore: { at: recoveredAt, what: "the child was recovered" } }),
    };
    if (facts.debrief?.completedAt) {
      const gaps = debriefGaps({ ...facts, debrief: { ...facts.debrief, ...definedOf(answers) } });
      if (gaps.length > 0) {
        throw new EpisodeRefusedError("debrief", "would-leave-gaps", `The debrief is marked complete, and this change would leave it incomplete: ${gaps.join(" ")}`);
      }
    }
    await writeDebrief(tx, actor, facts, now, answers);
    const before: Answers = facts.debrief ?? NOTHING_WRITTEN;
    const sections = DEBRIEF_SECTION_KEYS.filter((section) =>
      DEBRIEF_SECTIONS[section].some((field) => answers[field] !== undefined && JSON.stringify(answers[field]) !== JSON.stringify(before[field])),
    );
    await audit(tx, who, "debrief.saved", { target: { type: "Episode", id: facts.id }, details: { sections } });
    return {};
  });
}
