import "server-only";
import { db, type Tx } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { calendarDateIn, dateColumnOf } from "@/domain/zoned-time";
import { checkEligibility, checkLawEnforcementReport, checkMissingEvent, checkNcmecReport, provisionalMissingAt } from "@/domain/reporting-rules";
import { clockOfKind, episodeProgress, recordedReportProblems, type EpisodeProgress } from "@/domain/episode-progress";
import { deriveClocks, foundAt } from "@/domain/episode-clocks";
import { inSentence, recordedNoticeProblems, recipientLabel } from "@/domain/notice-rules";
import { ZChildProfileSchema, ZContactsSchema, ZDescriptionSchema, ZGuardianSchema, ZMissingEventDetailsSchema, ZRisksSchema, savedAnswers, sortName, type StepAnswers } from "@/domain/episode-facts";
import { isFormStepKey, type FormStepKey } from "@/domain/steps";
import { formatInstant } from "@/lib/format-time";
import { STEP_FORMS } from "@/lib/schemas/episode-steps";
import { answersOf, formValuesOf } from "@/lib/step-codecs";
import { loadEpisode, type LoadedEpisode } from "./load-episode";
import { documentOf } from "./episode-documents";
import { parseStep, throwViolations } from "./field-errors";
import { syncEpisode } from "./sync-episode";

export type SaveStepInput = { episodeId: string; step: string; version: number; values: unknown };

/**
 * Saves one wizard step: parses the form with the step's schema and maps it to the domain's
 * answers, loads the episode through the agency scope, refuses what episodeProgress() says cannot
 * be saved now (closed, out of order, NCMEC before law enforcement) and an outdated version,
 * applies the reporting rules, writes, audits and re-derives the episode's clocks and stage — all
 * in one transaction.
 */
export async function saveEpisodeStep(actor: Actor, input: SaveStepInput, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  assertCan(actor, "episodes:record");
  if (!isFormStepKey(input.step)) throw new NotFoundError();
  return saveStep(actor, input.step, input, { requestId: context.requestId, now: context.now ?? new Date() });
}

async function saveStep<K extends FormStepKey>(actor: Actor, step: K, input: SaveStepInput, context: { requestId: string; now: Date }) {
  const form = parseStep(STEP_FORMS[step], input.values);
  return db().$transaction(
    async (tx) => {
      const loaded = await loadEpisode(tx, actor, input.episodeId, { forUpdate: true });
      const { facts } = loaded;
      const progress = episodeProgress(facts, context.now, loaded.rules);
      if (!progress.editable) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
      if ((facts.stepVersions[step] ?? 0) > input.version || input.version > facts.version) throw await staleVersion(tx, loaded, step);
      const block = progress.steps[step].block;
      if (block) throw new ConflictError(block.code, block.message, block.code === "STEP_ORDER" ? { missingSteps: block.missingSteps } : undefined);
      const decoded = answersOf(step, form, facts.timeZone);
      if (!decoded.ok) throw new ValidationError(decoded.problems);

      await WRITERS[step](tx, { actor, loaded, progress, now: context.now, requestId: context.requestId }, decoded.answers);

      const saved = await tx.episode.update({
        where: { id: facts.id },
        data: {
          version: { increment: 1 },
          stepVersions: { ...facts.stepVersions, [step]: facts.version + 1 },
          completedSteps: facts.savedSteps.includes(step) ? undefined : { push: step },
        },
        select: { version: true },
      });
      await tx.episodeDraft.deleteMany({ where: { episodeId: facts.id, step, userId: actor.userId } });
      if (facts.submittedAt) {
        // A change to a submitted report is an amendment: NCMEC and law enforcement must get it too.
        await tx.episodeAmendment.create({ data: { agencyId: facts.agencyId, episodeId: facts.id, step, amendedAt: context.now, amendedById: actor.userId } });
        await audit(tx, auditWho(actor, context.requestId), "episode.amended", { target: { type: "Episode", id: facts.id }, details: { step } });
      }
      await audit(tx, auditWho(actor, context.requestId), "episode.step_saved", { target: { type: "Episode", id: facts.id }, details: { step, version: saved.version } });
      await syncEpisode(tx, actor, facts.id, context.now);
      return { version: saved.version };
    },
    { timeout: 15_000 },
  );
}

type WriteContext = { actor: Actor; loaded: LoadedEpisode; progress: EpisodeProgress; now: Date; requestId: string };
type Writer<K extends FormStepKey> = (tx: Tx, context: WriteContext, answers: StepAnswers[K]) => Promise<void>;

function eligibilityOrThrow(timeZone: string, child: { dateOfBirth: string; underAgencyGuardianship: boolean }, missingAt: Date) {
  const eligibility = checkEligibility({ dateOfBirth: child.dateOfBirth, missingOn: calendarDateIn(missingAt, timeZone), underAgencyGuardianship: child.underAgencyGuardianship });
  if (!eligibility.eligible) {
    throw new ValidationError({ [eligibility.reason === "not-under-guardianship" ? "underAgencyGuardianship" : "dateOfBirth"]: eligibility.message });
  }
}

const WRITERS: { [K in FormStepKey]: Writer<K> } = {
  async child(tx, { actor, loaded: { facts }, now, requestId }, answers) {
    eligibilityOrThrow(facts.timeZone, answers, facts.missingEvent?.lastSeenAt ?? provisionalMissingAt(now));
    const { firstName, middleName, lastName, dateOfBirth, agencyCaseNumber, underAgencyGuardianship, ...profile } = answers;
    await tx.child.update({
      where: { id: facts.child.id },
      data: { firstName, middleName, lastName, dateOfBirth: dateColumnOf(dateOfBirth), agencyCaseNumber, underAgencyGuardianship, profile: documentOf(ZChildProfileSchema, profile) },
    });
    // Every episode of the child, earlier ones included, sorts under the new name in the case list.
    await tx.episode.updateMany({ where: { childId: facts.child.id, agencyId: facts.agencyId }, data: { childSortName: sortName({ firstName, middleName, lastName }) } });
    await audit(tx, auditWho(actor, requestId), "child.updated", { target: { type: "Child", id: facts.child.id } });
  },

  async "missing-event"(tx, { loaded: { facts, rules }, now }, answers) {
    const { discoveredAt, lastSeenAt, ...details } = answers;
    throwViolations(checkMissingEvent({ discoveredAt, lastSeenAt }, now));
    // Reports already recorded must still satisfy the rules against the changed times.
    const changed = { ...facts, missingEvent: answers };
    const clocks = deriveClocks(changed, rules);
    const problem = recordedReportProblems(changed, clocks, now)[0];
    if (problem) throw new ValidationError({ [problem.field]: problem.message });
    // So must the notices recorded: one now late without a reason, or given before the child was last seen.
    const notice = recordedNoticeProblems(changed, clocks, now)[0];
    if (notice) throw new ValidationError(noticeProblemError(notice));
    // And the child cannot have been found (located, recovered, the episode ended) before last seen.
    const found = foundAt(facts);
    if (found && lastSeenAt.getTime() > found.getTime()) {
      throw new ValidationError({ lastSeenAt: `The child is recorded as found on ${formatInstant(found, facts.timeZone)}, before this time. Check it, or correct the recovery first.` });
    }
    eligibilityOrThrow(facts.timeZone, facts.child, lastSeenAt);
    await tx.episode.update({ where: { id: facts.id }, data: { discoveredAt, lastSeenAt, missingEvent: documentOf(ZMissingEventDetailsSchema, details) } });
  },

  async description(tx, { loaded: { facts } }, answers) {
    await tx.episode.update({ where: { id: facts.id }, data: { description: documentOf(ZDescriptionSchema, answers) } });
  },

  async risks(tx, { loaded: { facts } }, answers) {
    await tx.episode.update({ where: { id: facts.id }, data: { risks: documentOf(ZRisksSchema, answers) } });
  },

  async contacts(tx, { loaded: { facts } }, answers) {
    await tx.episode.update({ where: { id: facts.id }, data: { contacts: documentOf(ZContactsSchema, answers) } });
  },

  async "law-enforcement"(tx, { actor, loaded: { facts }, progress, now, requestId }, answers) {
    const clock = clockOfKind(progress.clocks, "LAW_ENFORCEMENT_REPORT");
    if (!clock || !facts.missingEvent) throw new ConflictError("STEP_ORDER", "Record when the child went missing first.");
    throwViolations(checkLawEnforcementReport({ at: answers.reportedAt, lateReason: answers.lateReason }, { lastSeenAt: facts.missingEvent.lastSeenAt, now, deadline: clock.deadline, ruleHours: clock.ruleHours }));
    if (facts.ncmec && facts.ncmec.reportedAt < answers.reportedAt) {
      throw new ValidationError({ reportedAt: "NCMEC is recorded as told before this time. Law enforcement must be told first." });
    }
    const data = { ...answers, recordedById: actor.userId, recordedAt: now };
    await tx.lawEnforcementReport.upsert({ where: { episodeId: facts.id }, create: { episodeId: facts.id, ...data }, update: data });
    await audit(tx, auditWho(actor, requestId), "law_enforcement.recorded", {
      target: { type: "Episode", id: facts.id },
      details: { outcome: answers.outcome, late: answers.lateReason !== null },
    });
  },

  async guardian(tx, { loaded: { facts } }, answers) {
    await tx.episode.update({ where: { id: facts.id }, data: { guardian: documentOf(ZGuardianSchema, answers) } });
  },

  async ncmec(tx, { actor, loaded: { facts }, progress, now, requestId }, answers) {
    const clock = clockOfKind(progress.clocks, "NCMEC_REPORT");
    if (!clock || !facts.missingEvent) throw new ConflictError("STEP_ORDER", "Record when the child went missing first.");
    throwViolations(
      checkNcmecReport(
        { reportedAt: answers.reportedAt, lateReason: answers.lateReason },
        { lastSeenAt: facts.missingEvent.lastSeenAt, now, deadline: clock.deadline, ruleHours: clock.ruleHours, lawEnforcementAt: facts.lawEnforcement?.reportedAt ?? null },
      ),
    );
    const data = { ...answers, recordedById: actor.userId, recordedAt: now };
    await tx.ncmecReport.upsert({ where: { episodeId: facts.id }, create: { episodeId: facts.id, ...data }, update: data });
    await audit(tx, auditWho(actor, requestId), "ncmec.recorded", { target: { type: "Episode", id: facts.id }, details: { method: answers.method, late: answers.lateReason !== null } });
  },
};

/** A recorded notice the changed times would break, said against the field to change. */
function noticeProblemError(problem: ReturnType<typeof recordedNoticeProblems>[number]): Record<string, string> {
  const who = inSentence(recipientLabel(problem.notice.recipient));
  return problem.code === "LATE_REASON_REQUIRED"
    ? { discoveredAt: `With this time the notice to ${who} would be past its deadline, and it has no reason recorded. Check the time, or record the notice again with the reason first.` }
    : { lastSeenAt: `The notice to ${who} is recorded as given before the child was last seen. Check this time.` };
}

/** The refusal of an outdated save, naming who saved last and when, with their answers. */
async function staleVersion(tx: Tx, { facts }: LoadedEpisode, step: FormStepKey): Promise<ConflictError> {
  const last = await tx.auditEvent.findFirst({
    where: { agencyId: facts.agencyId, targetType: "Episode", targetId: facts.id, action: "episode.step_saved", details: { path: ["step"], equals: step } },
    orderBy: { id: "desc" },
    select: { actorUserId: true, occurredAt: true },
  });
  const who = last?.actorUserId ? await tx.user.findFirst({ where: { id: last.actorUserId, agencyId: facts.agencyId }, select: { name: true } }) : null;
  const when = last ? formatInstant(last.occurredAt, facts.timeZone) : "a moment ago";
  const saved = savedAnswers(facts, step);
  return new ConflictError(
    "STALE_VERSION",
    `${who?.name ?? "Someone"} saved changes to this report at ${when}, after you opened this page. Your answers are still in the form; their saved answers are shown beside it. Check both, then save again.`,
    { version: facts.version, current: saved ? formValuesOf(step, saved, facts.timeZone) : null, savedBy: who?.name ?? null },
  );
}

