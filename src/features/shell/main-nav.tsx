"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function MainNav({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="bg-blue-900">
      <ul className="mx-auto flex max-w-5xl flex-wrap gap-1 px-4">
        {items.map((item) => {
          const current = item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block px-3 py-3 text-white underline-offset-4 hover:underline ${current ? "border-b-4 border-white font-bold" : ""}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
