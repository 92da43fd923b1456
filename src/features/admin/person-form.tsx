"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { CheckboxGroup, FieldGroup, SelectField, TextField } from "@/features/ui/fields";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import { PERSON_ROLES, ZUpdatePersonSchema, type TUpdatePerson } from "@/lib/schemas/people";
import { adminRequest, showFieldErrors } from "./admin-request";

const FIELD_ORDER = ["name", "email", "roles", "teamId", "onCall"] as const;

/** Changes a person's name, e-mail address, roles, team and on-call standing. */
export function PersonForm({ userId, initial, teams }: { userId: string; initial: TUpdatePerson; teams: { code: string; label: string }[] }) {
  const router = useRouter();
  const form = useForm<TUpdatePerson, unknown, z.output<typeof ZUpdatePersonSchema>>({ resolver: zodResolver(ZUpdatePersonSchema), defaultValues: initial });
  const { register, formState, handleSubmit, setError } = form;
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const e = formState.errors;
  const errors: SummaryError[] = [
    ...(failure ? [{ message: failure }] : []),
    ...FIELD_ORDER.flatMap((field) => (e[field]?.message ? [{ fieldId: field, message: e[field].message }] : [])),
  ];
  return (
    <FieldGroup title="Change details">
      <form method="post"
        noValidate
        className="space-y-5"
        onSubmit={handleSubmit(async (values) => {
          setFailure(null);
          setSaved(null);
          const answer = await adminRequest<{ changed: boolean }>("PATCH", `/api/admin/users/${userId}`, values);
          if (answer.ok) {
            setSaved(answer.data.changed ? "Changes saved." : "Nothing had changed.");
            router.refresh();
            return;
          }
          if (!showFieldErrors(FIELD_ORDER, answer.fieldErrors, setError)) setFailure(answer.error);
        })}
      >
        <ErrorSummary errors={errors} />
        <TextField id="name" label="Name" autoComplete="off" error={e.name?.message} {...register("name")} />
        <TextField id="email" label="E-mail address" type="email" autoComplete="off" error={e.email?.message} {...register("email")} />
        <CheckboxGroup id="roles" name="roles" label="Roles" hint="Choose one or more. A change applies from the person's next page." options={PERSON_ROLES} error={e.roles?.message} register={register("roles")} />
        <SelectField id="teamId" label="Team" options={teams} placeholder="No team" error={e.teamId?.message} {...register("teamId")} />
        <div className="flex items-center gap-2">
          <input id="onCall" type="checkbox" className="h-5 w-5 accent-blue-800" {...register("onCall")} />
          <label htmlFor="onCall">On the agency&apos;s on-call list</label>
        </div>
        <button type="submit" disabled={formState.isSubmitting} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
          {formState.isSubmitting ? "Saving…" : "Save changes"}
        </button>
        <p role="status" className="font-semibold">
          {saved ?? ""}
        </p>
      </form>
    </FieldGroup>
  );
}
