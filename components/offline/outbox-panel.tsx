"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { isolate } from "@/lib/i18n/bidi";
import { outboxCsv, outboxCsvName } from "@/lib/offline/outbox-csv";
import type { OutboxFigures, OutboxItem } from "@/lib/offline/outbox";
import { differingFields, keepMine, takeServers } from "@/lib/offline/sync";
import { fieldLabel, fieldValue } from "@/components/reports/field-label";
import { useOffline } from "./offline-provider";

/**
 * "Not sent yet": the signed-in user's outbox on this device (issue 13). Lists what waits, what
 * needs attention (a conflict, field by field, with "keep mine" / "take the server's"; a refusal
 * with the server's message) and what was sent, when the last sync ran, "Send now", the export
 * file, and discarding one item after a confirmation. Renders nothing without JavaScript (there
 * is no outbox then) or when the outbox is empty and `hideWhenEmpty`.
 */
const STATUS_STYLE: Record<OutboxItem["status"], string> = {
  waiting: "border-amber-300 bg-amber-50 text-amber-900",
  sending: "border-sky-300 bg-sky-50 text-sky-900",
  sent: "border-green-300 bg-green-50 text-green-900",
  attention: "border-rose-300 bg-rose-50 text-rose-900",
};

function valueOf(f: OutboxFigures, field: string): unknown {
  const sector = /^sectors\.([^.]+)\.(gapPct|familiesInNeed)$/.exec(field);
  if (sector) return f.sectors[sector[1]!]?.[sector[2] as "gapPct" | "familiesInNeed"] ?? null;
  return f[field as Exclude<keyof OutboxFigures, "sectors">];
}

export function OutboxPanel({
  locale,
  numerals,
  timeZone,
  areaNames,
  sectors,
  only,
  hideWhenEmpty = false,
  signInHref,
}: {
  locale: string;
  numerals: Numerals;
  timeZone: string;
  /** Area names by P-code, where the page knows them (else the P-code shows). */
  areaNames: Record<string, string>;
  sectors: { code: string; name: string }[];
  /** Only this report's item (the entry page). */
  only?: { pcode: string; week: string };
  hideWhenEmpty?: boolean;
  signInHref: string;
}) {
  const t = useTranslations("offline.outbox");
  const tAll = useTranslations();
  const tr = useTranslations("reports");
  const offline = useOffline();
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!offline || offline.userId === null) return null;
  const items = offline.items.filter((i) => !only || (i.pcode === only.pcode && i.week === only.week));
  if (hideWhenEmpty && !items.length) return null;
  const when = (iso: string) => isolate(formatDateTime(iso, locale, numerals, timeZone));
  const sectorName = (code: string) => sectors.find((s) => s.code === code)?.name ?? code;
  const label = (field: string) => fieldLabel(tr as never, field, sectorName);
  const value = (field: string, v: unknown) => fieldValue(tr as never, field, v, locale, numerals);
  const unsent = items.filter((i) => i.status !== "sent");
  // The server's refusal in the reader's language when its key is in the catalogue (the API's own text is English).
  const serverMessage = (p: { key: string; values: Record<string, string | number>; message: string }) =>
    p.key && tAll.has(p.key as never) ? tAll(p.key as never, p.values as never) : p.message;

  const download = () => {
    const blob = new Blob([outboxCsv(offline.items)], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = outboxCsvName(new Date());
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    <section className="card grid gap-3" aria-labelledby="outbox-title" data-testid="outbox">
      <h2 id="outbox-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-600">{t("help")}</p>
      <p className="text-sm" data-testid="outbox-last-sync">
        {t("count", { count: unsent.length })} ·{" "}
        {offline.meta?.lastSyncAt ? t("lastSync", { at: when(offline.meta.lastSyncAt) }) : t("neverSynced")}
      </p>
      {offline.meta?.lastResult === "signedOut" && unsent.length ? (
        <p className="alert-warn" role="alert" data-testid="outbox-signed-out">
          {t("signedOut")} <a href={signInHref}>{t("signIn")}</a>
        </p>
      ) : null}
      {!offline.online && unsent.length ? (
        <p className="alert-warn" role="status" data-testid="outbox-offline">
          {t("offline")}
        </p>
      ) : null}
      {offline.persistDenied && unsent.length ? <p className="text-sm text-slate-700">{t("persistDenied")}</p> : null}
      {items.length ? (
        <ul className="grid gap-3">
          {items.map((item) => {
            const conflict = item.problem?.kind === "conflict" ? item.problem : null;
            const refused = item.problem?.kind === "refused" ? item.problem : null;
            const server = conflict?.server ?? null;
            const differing = server ? differingFields(item.figures, server) : [];
            return (
              <li key={item.id} className="grid gap-2 rounded border border-slate-300 p-3" data-testid="outbox-item" data-pcode={item.pcode} data-week={item.week} data-status={item.status}>
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <strong>
                    <bdi>{areaNames[item.pcode] ?? item.pcode}</bdi>
                  </strong>
                  <span dir="ltr">{item.week}</span>
                  <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[item.status]}`} data-testid="outbox-status">
                    {t(`statuses.${item.status}`)}
                  </span>
                  <span className="text-slate-600">
                    {item.status === "sent" && item.sentAt ? t("sentAt", { at: when(item.sentAt), version: item.sentVersion ?? "—" }) : t("savedAt", { at: when(item.savedAt) })}
                  </span>
                </p>

                {conflict ? (
                  <div className="alert-error grid gap-2" role="alert" data-testid="outbox-conflict">
                    <p className="font-semibold">{t("conflict.title")}</p>
                    {server ? (
                      <>
                        <p>{t("conflict.body", { version: server.version, by: isolate(server.updatedBy ?? "—"), at: server.updatedAt ? when(server.updatedAt) : "—" })}</p>
                        {differing.length ? (
                          <table className="table text-sm" data-testid="outbox-compare">
                            <thead>
                              <tr>
                                <th scope="col">{t("conflict.field")}</th>
                                <th scope="col">{t("conflict.device")}</th>
                                <th scope="col">{t("conflict.server")}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {differing.map((f) => (
                                <tr key={f} data-field={f}>
                                  <th scope="row">{label(f)}</th>
                                  <td data-testid="compare-device">
                                    <bdi>{value(f, valueOf(item.figures, f))}</bdi>
                                  </td>
                                  <td data-testid="compare-server">
                                    <bdi>{value(f, valueOf(server, f))}</bdi>
                                  </td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        ) : (
                          <p>{t("conflict.same")}</p>
                        )}
                        <p className="flex flex-wrap gap-3">
                          <button type="button" className="btn" data-testid="outbox-keep-mine" onClick={() => void offline.change((o, u) => keepMine(o, u, item)).then(() => offline.sync(true))}>
                            {t("conflict.keepMine", { version: server.version })}
                          </button>
                          <button type="button" className="btn-secondary" data-testid="outbox-take-servers" onClick={() => void offline.change((o, u) => takeServers(o, u, item))}>
                            {t("conflict.takeServers")}
                          </button>
                        </p>
                      </>
                    ) : (
                      <p>{t("conflict.unknownServer")}</p>
                    )}
                  </div>
                ) : null}

                {refused ? (
                  <div className="alert-error grid gap-1" role="alert" data-testid="outbox-refused" data-http-status={refused.status}>
                    <p className="font-semibold">{t("refused.title")}</p>
                    <p dir="auto">{serverMessage(refused)}</p>
                    {Object.entries(refused.fields).length ? (
                      <ul className="list-disc ps-5 text-sm">
                        {Object.entries(refused.fields).map(([f, m]) => (
                          <li key={f}>
                            {label(f)}: <span dir="auto">{m}</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <p className="text-sm">{t("refused.body")}</p>
                  </div>
                ) : null}

                <p className="flex flex-wrap items-center gap-3 text-sm">
                  {!only && item.status !== "sent" ? (
                    <a href={`/${locale}/reports/${encodeURIComponent(item.pcode)}/${item.week}`} data-testid="outbox-edit">
                      {t("edit")}
                    </a>
                  ) : null}
                  {item.status !== "sent" && confirming !== item.id ? (
                    <button type="button" className="btn-secondary" data-testid="outbox-discard" onClick={() => setConfirming(item.id)}>
                      {t("discard")}
                    </button>
                  ) : null}
                </p>
                {confirming === item.id ? (
                  <div className="alert-warn grid gap-2" role="alertdialog" aria-labelledby={`discard-${item.id}`}>
                    <p id={`discard-${item.id}`}>{t("discardConfirm")}</p>
                    <p className="flex flex-wrap gap-3">
                      <button
                        type="button"
                        className="btn-danger"
                        data-testid="outbox-discard-confirm"
                        onClick={() => void offline.change((o, u) => o.discard(u, item.id)).then(() => setConfirming(null))}
                      >
                        {t("discardYes")}
                      </button>
                      <button type="button" className="btn-secondary" onClick={() => setConfirming(null)}>
                        {t("cancel")}
                      </button>
                    </p>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm" data-testid="outbox-empty">
          {t("empty")}
        </p>
      )}
      <p className="flex flex-wrap items-center gap-3">
        <button type="button" className="btn" disabled={offline.syncing || !unsent.length} data-testid="outbox-send-now" onClick={() => void offline.sync(true)}>
          {offline.syncing ? t("sending") : t("sendNow")}
        </button>
        {unsent.length ? (
          <button type="button" className="btn-secondary" data-testid="outbox-export" onClick={download}>
            {t("export")}
          </button>
        ) : null}
      </p>
      {unsent.length ? <p className="text-xs text-slate-600">{t("exportHelp")}</p> : null}
    </section>
  );
}
