import { getTranslations, setRequestLocale } from "next-intl/server";
import { TokensTable } from "@/components/account/tokens-table";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { listAllApiTokens } from "@/lib/tokens";
import { revokeAnyTokenAction } from "./actions";
import { titled } from "@/lib/next/page-title";

export const generateMetadata = titled("account.tokens.adminTitle");

/** Admin: every account's API tokens, to see what can reach the API and revoke what should not. `?user=ID` narrows to one account. */
export default async function AdminTokensPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/tokens", "admin");
  const user = (await searchParams).user;
  const tokens = pageData(locale, (db) => listAllApiTokens(db, actor, { userId: typeof user === "string" ? user : undefined }));
  const t = await getTranslations("account.tokens");
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t("adminTitle")}</h1>
      <p className="text-sm">{t("adminHelp")}</p>
      <TokensTable tokens={tokens} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} admin revoke={revokeAnyTokenAction} />
    </div>
  );
}
