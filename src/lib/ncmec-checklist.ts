import { NCIC_UNKNOWN } from "@/domain/ncic-codes";
import type { FormStepKey, StepValues } from "@/lib/schemas/episode-steps";

/** Where a gap is filled in: a wizard step, or the episode's photos page. */
export type ChecklistGap = { item: string; step: FormStepKey | "photos" };

type Saved = { [K in FormStepKey]: StepValues[K] | null };

/**
 * What NCMEC asks for in a report (shared/reference/requirements.md) that this episode does not
 * have yet, each with the step where it is filled in. Optional items the child may simply not
 * have (phones, accounts) count as answered once their step is saved.
 */
export function ncmecGaps(saved: Saved, photoCount: number): ChecklistGap[] {
  const gaps: ChecklistGap[] = [];
  const need = (ok: boolean, item: string, step: ChecklistGap["step"]) => {
    if (!ok) gaps.push({ item, step });
  };
  const { child, description, guardian } = saved;
  const event = saved["missing-event"];
  const le = saved["law-enforcement"];

  need(Boolean(guardian?.reporterName && guardian.reporterAgency), "Reporting party's full name and agency", "guardian");
  need(Boolean(child?.agencyCaseNumber), "Agency case number", "child");
  need(Boolean(le), "Law-enforcement agency, contact and case number (or the documented refusal)", "law-enforcement");
  need(!le || le.outcome === "REFUSED" || Boolean(le.officerName && le.caseNumber), "Assigned officer and law-enforcement case number", "law-enforcement");
  need(Boolean(guardian && (guardian.guardianSameAsReporter === "yes" || guardian.guardianName)), "Legal guardian's name, phone numbers and email", "guardian");
  need(Boolean(child?.firstName && child.lastName && child.dateOfBirth), "Child's full name and date of birth", "child");
  need(photoCount > 0, "A recent, clear color photo of the child, with the consent statement", "photos");
  need(Boolean(event?.clothing), "Clothing when last seen", "missing-event");
  need(Boolean(description?.heightFeet), "Height", "description");
  need(Boolean(description?.weightPounds), "Weight", "description");
  need(Boolean(description && description.hairColor !== NCIC_UNKNOWN), "Hair color", "description");
  need(Boolean(description && description.eyeColor !== NCIC_UNKNOWN), "Eye color", "description");
  need(Boolean(description && description.skinTone !== NCIC_UNKNOWN), "Complexion", "description");
  need(Boolean(description && description.eyewear !== "unknown"), "Eyeglasses or contact lenses", "description");
  need(Boolean(description && description.braces !== "unknown"), "Braces", "description");
  need(Boolean(saved.risks), "Risks: medical and mental-health conditions, gang activity, suicide attempts, online enticement, exploitation", "risks");
  need(Boolean(event?.lastSeenAt && event.lastSeenPlace), "Date, time and place last seen", "missing-event");
  need(Boolean(saved.contacts), "Phone numbers, social-media accounts and companions (or that there are none)", "contacts");
  return gaps;
}
