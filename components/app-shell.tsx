import type { ReactNode } from "react";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { Link } from "@/lib/i18n/navigation";
import { LocaleSwitcher } from "./locale-switcher";
import { NavLink } from "./nav-link";
import { SignOutForm } from "./offline/sign-out-form";
import { isolate } from "@/lib/i18n/bidi";

/**
 * Header and navigation; which links show depends on the role (the pages check again). Someone
 * who must change their password sees no links: every page but the account page sends them there.
 * `demo`: demo accounts are active, so a banner says the data are examples.
 */
export async function AppShell({
  actor,
  locale,
  demo,
  signOut,
  children,
}: {
  actor: Actor | null;
  locale: string;
  demo: boolean;
  /** The sign-out action, passed by the layout (components never import from app/). */
  signOut: (form: FormData) => Promise<void>;
  children: ReactNode;
}) {
  const t = await getTranslations("common");
  const ts = await getTranslations("summary");
  const ti = await getTranslations("figuresImport");
  const tf = await getTranslations("followUp");
  const tround = await getTranslations("round");
  const links: { href: string; label: string }[] = actor && !actor.mustChangePassword
    ? [
        { href: "/", label: t("nav.home") },
        { href: "/areas", label: t("nav.areas") },
        { href: "/reports/gaps", label: ts("nav.gaps") },
        { href: "/map", label: ts("nav.map") },
        { href: "/reports/follow-ups", label: tf("nav.followUps") },
        { href: "/reports/data-quality", label: tf("nav.dataQuality") },
        ...(actor.role === "admin" || actor.role === "coordinator" ? [{ href: "/reports/import", label: ti("nav.import") }] : []),
        ...(actor.role === "admin"
          ? [
              { href: "/admin/users", label: t("nav.users") },
              { href: "/admin/areas/import", label: t("nav.importAreas") },
              { href: "/admin/tokens", label: t("nav.tokens") },
              { href: "/admin/sectors", label: tround("nav.sectors") },
              { href: "/admin/deadlines", label: tround("nav.deadlines") },
              { href: "/admin/reporting-rate", label: tround("nav.rate") },
              { href: "/admin/audit", label: t("nav.audit") },
              { href: "/admin/ranges", label: tf("nav.ranges") },
            ]
          : []),
        { href: "/account", label: t("nav.account") },
      ]
    : [];
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("skipToContent")}
      </a>
      {demo ? (
        <p role="note" className="border-b border-amber-400 bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-950" data-testid="demo-banner">
          {t.rich("demoBanner", { code: (chunks) => <code dir="ltr" className="font-mono font-semibold">{chunks}</code> })}
        </p>
      ) : null}
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-slate-900">
            {t("appName")} <span className="text-sm font-normal text-slate-600">· {t("tagline")}</span>
          </Link>
          {links.length ? (
            <nav aria-label={t("nav.mainMenu")}>
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {links.map((l) => (
                  <li key={l.href}>
                    <NavLink href={l.href}>{l.label}</NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div className="ms-auto flex items-center gap-4">
            <Suspense>
              <LocaleSwitcher />
            </Suspense>
            {actor ? (
              <>
                <span className="text-xs text-slate-600" data-testid="signed-in-as">
                  {t("signedInAs", { name: isolate(actor.name), role: t(`roles.${actor.role}`) })}
                </span>
                <SignOutForm action={signOut} locale={locale} label={t("nav.signOut")} />
              </>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
