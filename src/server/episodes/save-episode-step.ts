import "server-only";
import { db, type Tx } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { calendarDateIn } from "@/domain/zoned-time";
import { checkEligibility, checkLawEnforcementReport, checkMissingEvent, checkNcmecReport, provisionalMissingAt } from "@/domain/reporting-rules";
import { formatInstant } from "@/lib/format-time";
import {
  FORM_STEP_KEYS,
  STEP_SCHEMAS,
  STEPS,
  type FormStepKey,
  type StepValues,
} from "@/lib/schemas/episode-steps";
import { loadEpisode, savedStepValues, type EpisodeRecord } from "./episode-record";
import { parseStep, throwViolations } from "./field-errors";
import { instantFromForm } from "./wall-time";

export type SaveStepInput = { episodeId: string; step: string; version: number; values: unknown };

/**
 * Saves one wizard step: parses it with the step's schema, loads the episode through the agency
 * scope, refuses an outdated version, a step taken before the ones it depends on and NCMEC before
 * law enforcement, applies the reporting rules, writes, and audits — all in one transaction.
 */
export async function saveEpisodeStep(
  actor: Actor,
  input: SaveStepInput,
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "reports:file");
  if (!(FORM_STEP_KEYS as string[]).includes(input.step)) throw new NotFoundError();
  const step = input.step as FormStepKey;
  const values = parseStep(STEP_SCHEMAS[step], input.values) as StepValues[FormStepKey];
  const now = context.now ?? new Date();

  return db().$transaction(
    async (tx) => {
      const episode = await loadEpisode(tx, actor, input.episodeId, { forUpdate: true });
      if (episode.closedAt) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
      const stepVersions = episode.stepVersions as Record<string, number>;
      if ((stepVersions[step] ?? 0) > input.version || input.version > episode.version) throw await staleVersion(tx, episode, step);
      if (step === "ncmec" && !episode.lawEnforcementReport) {
        throw new ConflictError("LAW_ENFORCEMENT_FIRST", "Record the report to law enforcement (or its refusal) before the report to NCMEC.");
      }
      const missing = FORM_STEP_KEYS.slice(0, FORM_STEP_KEYS.indexOf(step)).filter((key) => !episode.completedSteps.includes(key));
      if (missing.length > 0) {
        const titles = missing.map((key) => STEPS.find((s) => s.key === key)!.title);
        throw new ConflictError("STEP_ORDER", `Complete these steps first: ${titles.join(", ")}.`, { missingSteps: missing });
      }

      await WRITERS[step](tx, actor, episode, values as never, now, context.requestId);

      const saved = await tx.episode.update({
        where: { id: episode.id },
        data: {
          version: { increment: 1 },
          stepVersions: { ...stepVersions, [step]: episode.version + 1 },
          completedSteps: episode.completedSteps.includes(step) ? undefined : { push: step },
        },
        select: { version: true },
      });
      await tx.episodeDraft.deleteMany({ where: { episodeId: episode.id, step, userId: actor.userId } });
      await recordAuditEvent(tx, {
        action: "episode.step_saved",
        outcome: "SUCCESS",
        requestId: context.requestId,
        actorUserId: actor.userId,
        agencyId: episode.agencyId,
        target: { type: "Episode", id: episode.id },
        details: { step, version: saved.version },
      });
      return { version: saved.version };
    },
    { timeout: 15_000 },
  );
}

type Writer<K extends FormStepKey> = (tx: Tx, actor: Actor, episode: EpisodeRecord, values: StepValues[K], now: Date, requestId: string) => Promise<void>;

function eligibilityOrThrow(episode: EpisodeRecord, dateOfBirth: string, underAgencyGuardianship: boolean, missingAt: Date) {
  const eligibility = checkEligibility({
    dateOfBirth,
    missingOn: calendarDateIn(missingAt, episode.agency.timeZone),
    underAgencyGuardianship,
  });
  if (!eligibility.eligible) {
    throw new ValidationError({ [eligibility.reason === "not-under-guardianship" ? "underAgencyGuardianship" : "dateOfBirth"]: eligibility.message });
  }
}

const WRITERS: { [K in FormStepKey]: Writer<K> } = {
  async child(tx, actor, episode, values, now, requestId) {
    eligibilityOrThrow(episode, values.dateOfBirth, values.underAgencyGuardianship === "yes", episode.lastSeenAt ?? provisionalMissingAt(now));
    const { firstName, middleName, lastName, dateOfBirth, agencyCaseNumber, underAgencyGuardianship, ...profile } = values;
    await tx.child.update({
      where: { id: episode.child.id },
      data: {
        firstName,
        middleName: middleName || null,
        lastName,
        dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`),
        agencyCaseNumber,
        underAgencyGuardianship: underAgencyGuardianship === "yes",
        profile,
      },
    });
    await recordAuditEvent(tx, {
      action: "child.updated",
      outcome: "SUCCESS",
      requestId,
      actorUserId: actor.userId,
      agencyId: episode.agencyId,
      target: { type: "Child", id: episode.child.id },
    });
  },

  async "missing-event"(tx, _actor, episode, values, now) {
    const tz = episode.agency.timeZone;
    const discoveredAt = instantFromForm("discoveredAt", values.discoveredAt, tz);
    const lastSeenAt = instantFromForm("lastSeenAt", values.lastSeenAt, tz);
    throwViolations(checkMissingEvent({ discoveredAt, lastSeenAt }, now));
    // Reports already recorded must still satisfy the rules against the changed times.
    const recorded = recordedReportViolations(episode, { discoveredAt, lastSeenAt }, now);
    if (recorded) throw new ValidationError(recorded);
    const child = episode.child;
    eligibilityOrThrow(episode, child.dateOfBirth.toISOString().slice(0, 10), child.underAgencyGuardianship, lastSeenAt);
    const { discoveredAt: _d, lastSeenAt: _l, ...details } = values;
    await tx.episode.update({ where: { id: episode.id }, data: { discoveredAt, lastSeenAt, missingEvent: details } });
  },

  async description(tx, _actor, episode, values) {
    await tx.episode.update({ where: { id: episode.id }, data: { description: values } });
  },

  async risks(tx, _actor, episode, values) {
    await tx.episode.update({ where: { id: episode.id }, data: { risks: values } });
  },

  async contacts(tx, _actor, episode, values) {
    await tx.episode.update({ where: { id: episode.id }, data: { contacts: values } });
  },

  async "law-enforcement"(tx, actor, episode, values, now, requestId) {
    const at = instantFromForm("reportedAt", values.reportedAt, episode.agency.timeZone);
    throwViolations(
      checkLawEnforcementReport(
        { at, lateReason: values.lateReason || null },
        { discoveredAt: episode.discoveredAt!, lastSeenAt: episode.lastSeenAt!, now },
      ),
    );
    if (episode.ncmecReport && episode.ncmecReport.reportedAt < at) {
      throw new ValidationError({ reportedAt: "NCMEC is recorded as told before this time. Law enforcement must be told first." });
    }
    const reported = values.outcome === "REPORTED";
    const data = {
      outcome: values.outcome,
      agencyName: values.agencyName,
      phone: values.phone,
      officerName: reported ? values.officerName : null,
      badgeNumber: reported ? values.badgeNumber || null : null,
      caseNumber: reported ? values.caseNumber : null,
      reportedAt: at,
      ncicEntered: reported ? values.ncicEntered : null,
      ncicNumber: reported && values.ncicEntered === "yes" ? values.ncicNumber : null,
      refusedBy: reported ? null : values.refusedBy,
      refusalStatement: reported ? null : values.refusalStatement,
      lateReason: values.lateReason || null,
      recordedById: actor.userId,
      recordedAt: now,
    };
    await tx.lawEnforcementReport.upsert({ where: { episodeId: episode.id }, create: { episodeId: episode.id, ...data }, update: data });
    await recordAuditEvent(tx, {
      action: "law_enforcement.recorded",
      outcome: "SUCCESS",
      requestId,
      actorUserId: actor.userId,
      agencyId: episode.agencyId,
      target: { type: "Episode", id: episode.id },
      details: { outcome: values.outcome, late: values.lateReason !== "" },
    });
  },

  async guardian(tx, _actor, episode, values) {
    await tx.episode.update({ where: { id: episode.id }, data: { guardian: values } });
  },

  async ncmec(tx, actor, episode, values, now, requestId) {
    const le = episode.lawEnforcementReport!;
    const reportedAt = instantFromForm("reportedAt", values.reportedAt, episode.agency.timeZone);
    throwViolations(
      checkNcmecReport(
        { reportedAt, lateReason: values.lateReason || null },
        { discoveredAt: episode.discoveredAt!, lastSeenAt: episode.lastSeenAt!, now, lawEnforcementAt: le.reportedAt },
      ),
    );
    const data = {
      reportedAt,
      method: values.method,
      ncmecCaseNumber: values.ncmecCaseNumber || null,
      contactName: values.contactName || null,
      lateReason: values.lateReason || null,
      recordedById: actor.userId,
      recordedAt: now,
    };
    await tx.ncmecReport.upsert({ where: { episodeId: episode.id }, create: { episodeId: episode.id, ...data }, update: data });
    await recordAuditEvent(tx, {
      action: "ncmec.recorded",
      outcome: "SUCCESS",
      requestId,
      actorUserId: actor.userId,
      agencyId: episode.agencyId,
      target: { type: "Episode", id: episode.id },
      details: { method: values.method, late: values.lateReason !== "" },
    });
  },
};

/**
 * Problems the episode's recorded reports would have with these missing-event times (a report now
 * late without a reason, or before the child was last seen), as messages on the changed fields.
 */
export function recordedReportViolations(
  episode: EpisodeRecord,
  times: { discoveredAt: Date; lastSeenAt: Date },
  now: Date,
): Record<string, string> | null {
  const le = episode.lawEnforcementReport;
  const ncmec = episode.ncmecReport;
  const problems = [
    ...(le ? checkLawEnforcementReport({ at: le.reportedAt, lateReason: le.lateReason }, { ...times, now }).map((v) => ({ ...v, report: "law-enforcement" })) : []),
    ...(ncmec && le
      ? checkNcmecReport({ reportedAt: ncmec.reportedAt, lateReason: ncmec.lateReason }, { ...times, now, lawEnforcementAt: le.reportedAt }).map((v) => ({ ...v, report: "NCMEC" }))
      : []),
  ].filter((v) => v.code !== "REPORTED_IN_FUTURE");
  if (problems.length === 0) return null;
  const first = problems[0]!;
  const message =
    first.code === "LATE_REASON_REQUIRED"
      ? `With this time the ${first.report} report would be past its deadline, and it has no reason recorded. Check the time, or add the reason on the ${first.report} step first.`
      : `The ${first.report} report is recorded as made before the child was last seen. Check this time.`;
  return first.code === "LATE_REASON_REQUIRED" ? { discoveredAt: message } : { lastSeenAt: message };
}

/** The refusal of an outdated save, naming who saved last and when, with their answers. */
async function staleVersion(tx: Tx, episode: EpisodeRecord, step: FormStepKey): Promise<ConflictError> {
  const last = await tx.auditEvent.findFirst({
    where: { agencyId: episode.agencyId, targetType: "Episode", targetId: episode.id, action: "episode.step_saved", details: { path: ["step"], equals: step } },
    orderBy: { id: "desc" },
    select: { actorUserId: true, occurredAt: true },
  });
  const who = last?.actorUserId ? await tx.user.findFirst({ where: { id: last.actorUserId, agencyId: episode.agencyId }, select: { name: true } }) : null;
  const when = last ? formatInstant(last.occurredAt, episode.agency.timeZone) : "a moment ago";
  return new ConflictError(
    "STALE_VERSION",
    `${who?.name ?? "Someone"} saved changes to this report at ${when}, after you opened this page. Your answers are still in the form; their saved answers are shown beside it. Check both, then save again.`,
    { version: episode.version, current: savedStepValues(episode)[step], savedBy: who?.name ?? null },
  );
}
