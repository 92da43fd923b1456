"use client";

import { useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { CheckboxGroup, SelectField, TextField } from "@/features/ui/fields";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import { PERSON_ROLES, ZInvitePersonSchema, type TInvitePerson } from "@/lib/schemas/people";
import { adminRequest, showFieldErrors } from "./admin-request";
import { DeliveredLink, type Delivery } from "./shown-link";

const FIELD_ORDER = ["name", "email", "roles", "teamId"] as const;

/** Invites a person; afterwards says the invitation was e-mailed, or shows its link once. */
export function InviteForm({ teams }: { teams: { code: string; label: string }[] }) {
  const form = useForm<TInvitePerson, unknown, z.output<typeof ZInvitePersonSchema>>({
    resolver: zodResolver(ZInvitePersonSchema),
    defaultValues: { name: "", email: "", roles: [], teamId: "" },
  });
  const { register, formState, handleSubmit, setError } = form;
  const [result, setResult] = useState<(Delivery & { userId: string }) | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const e = formState.errors;

  if (result) {
    return (
      <div className="space-y-4">
        <DeliveredLink result={result} what="invitation" />
        <p>
          <Link href={`/admin/users/${result.userId}`} className="text-blue-800 underline">
            Go to the person&apos;s page
          </Link>{" "}
          or{" "}
          <Link href="/admin/users" className="text-blue-800 underline">
            back to users
          </Link>
        </p>
      </div>
    );
  }

  const errors: SummaryError[] = [
    ...(failure ? [{ message: failure }] : []),
    ...FIELD_ORDER.flatMap((field) => (e[field]?.message ? [{ fieldId: field, message: e[field].message }] : [])),
  ];

  return (
    <form method="post"
      noValidate
      className="max-w-xl space-y-5"
      onSubmit={handleSubmit(async (values) => {
        setFailure(null);
        const answer = await adminRequest<Delivery & { userId: string }>("POST", "/api/admin/users", values);
        if (answer.ok) return setResult(answer.data);
        if (!showFieldErrors(FIELD_ORDER, answer.fieldErrors, setError)) setFailure(answer.error);
      })}
    >
      <ErrorSummary errors={errors} />
      <TextField id="name" label="Name" autoComplete="off" error={e.name?.message} {...register("name")} />
      <TextField id="email" label="E-mail address" type="email" autoComplete="off" hint="They sign in with it; the invitation goes to it." error={e.email?.message} {...register("email")} />
      <CheckboxGroup id="roles" name="roles" label="Roles" hint="Choose one or more." options={PERSON_ROLES} error={e.roles?.message} register={register("roles")} />
      <SelectField id="teamId" label="Team (optional)" options={teams} placeholder="No team" error={e.teamId?.message} {...register("teamId")} />
      <button type="submit" disabled={formState.isSubmitting} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
        {formState.isSubmitting ? "Inviting…" : "Send the invitation"}
      </button>
    </form>
  );
}
