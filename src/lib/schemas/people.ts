import { z } from "zod";
import { emailAddress, requiredText } from "@/lib/schemas/fields";

/**
 * What an admin types about a person and a team: one schema each, used by the form (browser) and
 * parsed again by the use case (server). Codes only where the person picks from a list.
 */
export const PERSON_ROLES = [
  { code: "CASEWORKER", label: "Caseworker" },
  { code: "SUPERVISOR", label: "Supervisor" },
  { code: "ADMIN", label: "Admin" },
] as const;

export type TPersonRole = (typeof PERSON_ROLES)[number]["code"];

const ROLE_MESSAGE = "Choose at least one role";
const roles = z
  .array(z.enum(["CASEWORKER", "SUPERVISOR", "ADMIN"], ROLE_MESSAGE), ROLE_MESSAGE)
  .min(1, ROLE_MESSAGE)
  .max(3, ROLE_MESSAGE)
  .transform((chosen) => [...new Set(chosen)]);

/** A team's id from a select; "" is no team. */
const teamId = z.union([z.literal(""), z.uuid("Choose a team from the list")], "Choose a team from the list");

const personEmail = z.pipe(emailAddress("Enter an e-mail address like name@agency.gov"), z.transform((value: string) => value.toLowerCase()));

export const ZInvitePersonSchema = z
  .object({
    name: requiredText("Enter the person's name", 200),
    email: personEmail,
    roles,
    teamId,
  })
  .strict();
export type TInvitePerson = z.input<typeof ZInvitePersonSchema>;

export const ZUpdatePersonSchema = ZInvitePersonSchema.extend({ onCall: z.boolean("Say whether the person is on call") }).strict();
export type TUpdatePerson = z.input<typeof ZUpdatePersonSchema>;

export const ZTeamNameSchema = z.object({ name: requiredText("Enter the team's name", 100) }).strict();
export type TTeamName = z.input<typeof ZTeamNameSchema>;

/** A list of people chosen by id (a team's supervisors, the on-call list). */
export const ZPeopleChoiceSchema = z.object({ userIds: z.array(z.uuid("Choose people from the list")).max(1000) }).strict();

export const ZReassignEpisodesSchema = z
  .object({
    episodeIds: z.array(z.uuid("Choose cases from the list")).min(1, "Choose at least one case to reassign").max(1000),
    toUserId: z.uuid("Choose the caseworker to take the cases"),
  })
  .strict();
