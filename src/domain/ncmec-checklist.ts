import type { EpisodeFacts } from "./episode-facts";
import { NCIC_UNKNOWN } from "./ncic-codes";
import type { FormStepKey } from "./steps";

/** Where a gap is filled in: a wizard step, or the episode's photos page. */
export type ChecklistGap = { item: string; step: FormStepKey | "photos" };

type ChecklistFacts = Pick<EpisodeFacts, "savedSteps" | "child" | "missingEvent" | "description" | "risks" | "contacts" | "guardian" | "lawEnforcement" | "photoCount">;

/**
 * What NCMEC asks for in a report (shared/reference/requirements.md) that this episode does not
 * have yet, each with the step where it is filled in. Optional items the child may simply not
 * have (phones, accounts) count as answered once their step is saved.
 */
export function ncmecGaps(facts: ChecklistFacts): ChecklistGap[] {
  const gaps: ChecklistGap[] = [];
  const need = (ok: boolean, item: string, step: ChecklistGap["step"]) => {
    if (!ok) gaps.push({ item, step });
  };
  const saved = (step: FormStepKey) => facts.savedSteps.includes(step);
  const child = saved("child") ? facts.child : null;
  const event = saved("missing-event") ? facts.missingEvent : null;
  const description = saved("description") ? facts.description : null;
  const guardian = saved("guardian") ? facts.guardian : null;
  const le = facts.lawEnforcement;

  need(Boolean(guardian?.reporterName && guardian.reporterAgency), "Reporting party's full name and agency", "guardian");
  need(Boolean(child?.agencyCaseNumber), "Agency case number", "child");
  need(le !== null, "Law-enforcement agency, contact and case number (or the documented refusal)", "law-enforcement");
  need(!le || le.outcome === "REFUSED" || Boolean(le.officerName && le.caseNumber), "Assigned officer and law-enforcement case number", "law-enforcement");
  need(Boolean(guardian && (guardian.guardianSameAsReporter || guardian.guardianName)), "Legal guardian's name, phone numbers and email", "guardian");
  need(Boolean(child?.firstName && child.lastName && child.dateOfBirth), "Child's full name and date of birth", "child");
  need(facts.photoCount > 0, "A recent, clear color photo of the child, with the consent statement", "photos");
  need(Boolean(event?.clothing), "Clothing when last seen", "missing-event");
  need(description?.heightInches != null, "Height", "description");
  need(description?.weightPounds != null, "Weight", "description");
  need(Boolean(description && description.hairColor !== NCIC_UNKNOWN), "Hair color", "description");
  need(Boolean(description && description.eyeColor !== NCIC_UNKNOWN), "Eye color", "description");
  need(description?.skinTone != null, "Complexion", "description");
  need(description?.eyewear != null, "Eyeglasses or contact lenses", "description");
  need(description?.braces != null, "Braces", "description");
  need(saved("risks"), "Risks: medical and mental-health conditions, gang activity, suicide attempts, online enticement, exploitation", "risks");
  need(Boolean(event?.lastSeenPlace), "Date, time and place last seen", "missing-event");
  need(saved("contacts"), "Phone numbers, social-media accounts and companions (or that there are none)", "contacts");
  return gaps;
}
