import Link from "next/link";

/** Previous / "Page N of M" / next, as a labelled navigation region. */
export function Pagination({ label, page, pageCount, hrefFor, previous = "Previous page", next = "Next page" }: {
  label: string;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  previous?: string;
  next?: string;
}) {
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap gap-x-4 gap-y-2">
      {page > 1 ? (
        <Link className="text-blue-800 underline" href={hrefFor(page - 1)}>
          {previous}
        </Link>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="text-blue-800 underline" href={hrefFor(page + 1)}>
          {next}
        </Link>
      ) : null}
    </nav>
  );
}
