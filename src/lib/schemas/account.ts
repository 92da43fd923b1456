import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "@/domain/password-policy";

/**
 * The forms of signing in and of the person's own account, shared by the forms and the server,
 * which parses again. A password is taken as typed: any characters, spaces and paste allowed; the
 * server applies the password rules (src/domain/password-policy.ts), which need the person's details.
 */
const newPassword = z.string("Enter a new password").min(1, "Enter a new password").max(MAX_PASSWORD_LENGTH * 4, `Use ${MAX_PASSWORD_LENGTH} characters or fewer`);

export const ZSignInCodeSchema = z.object({
  code: z
    .string("Enter the code from your authenticator app")
    .trim()
    .min(1, "Enter the code from your authenticator app, or a recovery code")
    .max(40, "Enter the 6-digit code from your authenticator app, or a recovery code"),
});
export type TSignInCode = z.infer<typeof ZSignInCodeSchema>;

/** Confirms a new second factor: the sealed secret the page was given, and a code from the app. */
export const ZConfirmSecondFactorSchema = z.object({
  pending: z.string().min(1).max(400),
  code: z
    .string("Enter the 6-digit code your app shows")
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code your app shows, without spaces"),
});
export type TConfirmSecondFactor = z.infer<typeof ZConfirmSecondFactorSchema>;

export const ZNewPasswordSchema = z
  .object({ password: newPassword, confirmation: z.string("Enter the new password again") })
  .refine((value) => value.password === value.confirmation, { path: ["confirmation"], message: "The two passwords are not the same: type the new password again" });
export type TNewPassword = z.infer<typeof ZNewPasswordSchema>;

export const ZChangePasswordSchema = z
  .object({
    currentPassword: z.string("Enter your current password").min(1, "Enter your current password").max(1024),
    password: newPassword,
    confirmation: z.string("Enter the new password again"),
  })
  .refine((value) => value.password === value.confirmation, { path: ["confirmation"], message: "The two passwords are not the same: type the new password again" });
export type TChangePassword = z.infer<typeof ZChangePasswordSchema>;

/** An invitation or reset link's secret (from the page's address fragment) with the new password. */
export const ZLinkPasswordSchema = z
  .object({ secret: z.string().max(100), password: newPassword, confirmation: z.string("Enter the new password again") })
  .refine((value) => value.password === value.confirmation, { path: ["confirmation"], message: "The two passwords are not the same: type the new password again" });
export type TLinkPassword = z.infer<typeof ZLinkPasswordSchema>;

/** The invitation's last step: the password and a confirmed second factor together. */
export const ZAcceptInvitationSchema = ZLinkPasswordSchema.and(ZConfirmSecondFactorSchema);

/** What the server answers, read by the forms (parsed, never cast). */
export const ZSetUpViewSchema = z.object({ qrCode: z.string(), secretText: z.string(), pending: z.string() });
export const ZRecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const ZPasswordChangedSchema = z.object({ otherSessionsEnded: z.int() });
