"use client";

import type { ReactNode } from "react";
import { Link, usePathname } from "@/lib/i18n/navigation";

/**
 * A main-menu link that says when it is the current section (`aria-current="page"`), for screen
 * readers and for the eye: "Areas" stays marked on every area's page, "Home" only on the home page.
 */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const path = usePathname();
  const current = href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? "page" : undefined} className={current ? "font-semibold underline" : undefined}>
      {children}
    </Link>
  );
}
