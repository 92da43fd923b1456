// zod/mini: the sign-in page's only schema, loaded after the page (sign-in-form.tsx).
import * as z from "zod/mini";
import { plainText } from "./fields";

/** Shared by the sign-in form and the server, which parses again. */
export const ZSignInSchema = z.object({
  email: z.pipe(
    plainText("Enter your email address").check(z.toLowerCase(), z.minLength(1, "Enter your email address"), z.maxLength(254, "Email addresses are at most 254 characters")),
    z.email("Enter an email address like name@agency.gov"),
  ),
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(1024, "Passwords are at most 1024 characters")),
});

export type TSignIn = z.infer<typeof ZSignInSchema>;
