import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/action-state";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import type { AdminTokenListItem, TokenListItem } from "@/lib/tokens";
import { TokenRevokeForm } from "./token-revoke-form";
import { ScrollBox } from "@/components/scroll-box";

/** One table for one's own tokens (My account) and for everyone's (admin), which adds the owner. */
export async function TokensTable({
  tokens,
  locale,
  numerals,
  timeZone,
  admin = false,
  revoke,
}: {
  tokens: (TokenListItem | AdminTokenListItem)[];
  locale: string;
  numerals: Numerals;
  /** The reader's zone (decision 045). */
  timeZone: string;
  admin?: boolean;
  /** Revokes one token: one's own on My account, anyone's on the admin page. */
  revoke: FormAction<void>;
}) {
  const t = await getTranslations("account.tokens");
  if (!tokens.length) return <p className="text-sm">{t(admin ? "noneAtAll" : "none")}</p>;
  const when = (iso: string) => formatDateTime(iso, locale, numerals, timeZone);
  const now = new Date().toISOString();
  const status = (tok: TokenListItem) =>
    tok.revokedAt ? t("revokedOn", { date: when(tok.revokedAt) }) : tok.expiresAt <= now ? t("expiredOn", { date: when(tok.expiresAt) }) : t("active");
  return (
    <ScrollBox labelledBy="tokens-table-caption">
      <table className="table sticky-first" data-testid="tokens-table">
        <caption id="tokens-table-caption" className="sr-only">
          {t(admin ? "captionAll" : "caption")}
        </caption>
        <thead>
          <tr>
            {admin ? <th scope="col">{t("columns.owner")}</th> : null}
            <th scope="col">{t("columns.name")}</th>
            <th scope="col">{t("columns.prefix")}</th>
            <th scope="col">{t("columns.scope")}</th>
            <th scope="col">{t("columns.created")}</th>
            <th scope="col">{t("columns.expires")}</th>
            <th scope="col">{t("columns.lastUsed")}</th>
            <th scope="col">{t("columns.status")}</th>
            <th scope="col">
              <span className="sr-only">{t("revoke")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok) => {
            const live = !tok.revokedAt && tok.expiresAt > now;
            return (
              <tr key={tok.id} data-testid="token-row" className={live ? undefined : "text-slate-500"}>
                {"user" in tok ? (
                  <td>
                    {tok.user.name}{" "}
                    <span dir="ltr" className="text-xs">
                      {tok.user.email}
                    </span>
                  </td>
                ) : null}
                <td>{tok.name}</td>
                <td>
                  <code dir="ltr" className="font-mono">
                    {tok.prefix}…
                  </code>
                </td>
                <td data-testid="token-scope-cell">{t(`scopes.${tok.scope}`)}</td>
                <td>{when(tok.createdAt)}</td>
                <td>{when(tok.expiresAt)}</td>
                <td>
                  {tok.lastUsedAt ? when(tok.lastUsedAt) : t("never")}
                  {tok.lastUsedIp ? (
                    <span dir="ltr" className="block text-xs">
                      {tok.lastUsedIp}
                    </span>
                  ) : null}
                </td>
                <td data-testid="token-status">{status(tok)}</td>
                <td>{tok.revokedAt ? null : <TokenRevokeForm id={tok.id} name={tok.name} action={revoke} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}
