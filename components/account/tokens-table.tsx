import { getTranslations } from "next-intl/server";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { TokenRevokeForm } from "./token-revoke-form";

export type TokenRow = {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export async function TokensTable({ tokens, locale, numerals }: { tokens: TokenRow[]; locale: string; numerals: Numerals }) {
  const t = await getTranslations("account.tokens");
  if (!tokens.length) return <p className="text-sm">{t("none")}</p>;
  const when = (iso: string) => formatDateTime(iso, locale, numerals);
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid="tokens-table">
        <thead>
          <tr>
            <th scope="col">{t("columns.name")}</th>
            <th scope="col">{t("columns.prefix")}</th>
            <th scope="col">{t("columns.created")}</th>
            <th scope="col">{t("columns.lastUsed")}</th>
            <th scope="col">{t("columns.status")}</th>
            <th scope="col">
              <span className="sr-only">{t("revoke")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok) => (
            <tr key={tok.id} data-testid="token-row" className={tok.revokedAt ? "text-slate-500" : undefined}>
              <td>{tok.name}</td>
              <td>
                <code dir="ltr" className="font-mono">
                  {tok.prefix}…
                </code>
              </td>
              <td>{when(tok.createdAt)}</td>
              <td>{tok.lastUsedAt ? when(tok.lastUsedAt) : t("never")}</td>
              <td data-testid="token-status">{tok.revokedAt ? t("revokedOn", { date: when(tok.revokedAt) }) : t("active")}</td>
              <td>{tok.revokedAt ? null : <TokenRevokeForm id={tok.id} name={tok.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
