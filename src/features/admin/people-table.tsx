"use client";

import { useId, useState } from "react";
import Link from "next/link";

export type PersonRow = {
  id: string;
  /** The person's page. */
  href: string;
  name: string;
  email: string;
  roles: string;
  team: string;
  status: string;
  lastSignIn: string;
  secondFactor: string;
};

/**
 * The agency's people, searched by name or e-mail address here in the browser (what is typed never
 * reaches a URL). The table scrolls inside its own region on a narrow screen.
 */
export function PeopleTable({ rows, caption }: { rows: PersonRow[]; caption: string }) {
  const [query, setQuery] = useState("");
  const captionId = useId();
  const needle = query.trim().toLowerCase();
  const shown = needle ? rows.filter((row) => row.name.toLowerCase().includes(needle) || row.email.toLowerCase().includes(needle)) : rows;
  return (
    <div className="mt-6">
      <div className="max-w-md">
        <label htmlFor="people-search" className="block font-semibold">
          Search by name or e-mail address
        </label>
        <input
          id="people-search"
          type="search"
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="mt-1 block w-full rounded border-2 border-slate-600 bg-white px-3 py-2"
        />
      </div>
      <p role="status" className="mt-3 text-slate-700">
        {shown.length === rows.length ? `${rows.length} ${rows.length === 1 ? "person" : "people"}` : `${shown.length} of ${rows.length} people match`}
      </p>
      <div role="region" aria-labelledby={captionId} tabIndex={0} className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[56rem] border-collapse text-left">
          <caption id={captionId} className="sr-only">
            {caption}
          </caption>
          <thead>
            <tr className="border-b-2 border-slate-700">
              <th scope="col" className="py-2 pr-4">Name</th>
              <th scope="col" className="py-2 pr-4">E-mail address</th>
              <th scope="col" className="py-2 pr-4">Roles</th>
              <th scope="col" className="py-2 pr-4">Team</th>
              <th scope="col" className="py-2 pr-4">Status</th>
              <th scope="col" className="py-2 pr-4">Last sign-in</th>
              <th scope="col" className="py-2">Second factor</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.id} className="border-b border-slate-300">
                <td className="py-2 pr-4">
                  <Link href={row.href} className="text-blue-800 underline">
                    {row.name}
                  </Link>
                </td>
                <td className="py-2 pr-4 break-all">{row.email}</td>
                <td className="py-2 pr-4">{row.roles}</td>
                <td className="py-2 pr-4">{row.team}</td>
                <td className="py-2 pr-4">{row.status}</td>
                <td className="py-2 pr-4">{row.lastSignIn}</td>
                <td className="py-2">{row.secondFactor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
