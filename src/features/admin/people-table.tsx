"use client";

import { useState, type ReactNode } from "react";
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

/** The columns after the name, in order: each header, and the field of a row it shows. */
const COLUMNS = [
  { label: "E-mail address", field: "email", className: "break-all" },
  { label: "Roles", field: "roles", className: "" },
  { label: "Team", field: "team", className: "" },
  { label: "Status", field: "status", className: "" },
  { label: "Last sign-in", field: "lastSignIn", className: "" },
  { label: "Second factor", field: "secondFactor", className: "" },
] as const satisfies readonly { label: string; field: keyof PersonRow; className: string }[];

// Below the lg breakpoint each person is a block of labelled lines instead of a row of a table too
// wide for the screen (WCAG 1.4.10, no sideways scrolling at 320 px). The roles are written out
// because CSS display other than table-* makes some browsers drop a table's semantics; the labels
// shown on narrow screens are hidden from screen readers, which announce the column headers.
const CELL = "grid grid-cols-[8.5rem_minmax(0,1fr)] gap-x-3 py-0.5 lg:table-cell lg:py-2 lg:pr-4";
const HEADER = "py-2 pr-4";

/** A cell with its column's label before the value on narrow screens. */
function Cell({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <td role="cell" className={`${CELL} ${className}`}>
      <span aria-hidden="true" className="font-semibold lg:hidden">
        {label}
      </span>
      <span>{children}</span>
    </td>
  );
}

/**
 * The agency's people, searched by name or e-mail address here in the browser (what is typed never
 * reaches a URL). A table on wide screens; on narrow ones each person's cells stack, each labelled.
 */
export function PeopleTable({ rows, caption }: { rows: PersonRow[]; caption: string }) {
  const [query, setQuery] = useState("");
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
      <table role="table" className="mt-2 block w-full border-collapse text-left lg:table">
        <caption className="sr-only">{caption}</caption>
        <thead role="rowgroup" className="sr-only lg:not-sr-only">
          <tr role="row" className="border-b-2 border-slate-700">
            <th role="columnheader" scope="col" className={HEADER}>
              Name
            </th>
            {COLUMNS.map((column) => (
              <th key={column.field} role="columnheader" scope="col" className={HEADER}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="block border-t-2 border-slate-700 lg:table-row-group lg:border-t-0">
          {shown.map((row) => (
            <tr key={row.id} role="row" className="block border-b border-slate-300 py-2 lg:table-row lg:py-0">
              <Cell label="Name">
                <Link href={row.href} className="text-blue-800 underline">
                  {row.name}
                </Link>
              </Cell>
              {COLUMNS.map((column) => (
                <Cell key={column.field} label={column.label} className={column.className}>
                  {row[column.field]}
                </Cell>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
