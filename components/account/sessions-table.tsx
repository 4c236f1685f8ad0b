import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/action-state";
import type { SessionListItem } from "@/lib/auth/sessions";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { isolateAll } from "@/lib/i18n/bidi";
import { SessionEndForm } from "./session-end-form";

/** Active sessions: where and when, so that a person recognises a device that is not theirs. */
export async function SessionsTable({
  sessions,
  locale,
  numerals,
  timeZone,
  endSession,
}: {
  sessions: SessionListItem[];
  locale: string;
  numerals: Numerals;
  /** The reader's zone (decision 045). */
  timeZone: string;
  /** On My account each other session can be ended (this action); the admin ends them all at once (none). */
  endSession?: FormAction<void>;
}) {
  const t = await getTranslations("account.sessions");
  if (!sessions.length) return <p className="text-sm" data-testid="no-sessions">{t("none")}</p>;
  const when = (iso: string) => formatDateTime(iso, locale, numerals, timeZone);
  return (
    <ul className="grid gap-2" data-testid="sessions-list">
      {sessions.map((s) => (
        <li key={s.id} className="rounded border border-slate-200 p-2 text-sm" data-testid="session-row">
          <p className="break-words font-medium" dir="auto">
            {s.userAgent || t("unknownDevice")}
            {s.current ? <span className="ms-2 rounded bg-slate-100 px-1 text-xs">{t("current")}</span> : null}
          </p>
          <p className="text-slate-600">
            {t("seen", isolateAll({ last: when(s.lastSeenAt), start: when(s.createdAt) }))} ·{" "}
            <span dir="ltr" className="inline-block">
              {s.ip || "?"}
            </span>
          </p>
          {endSession && !s.current ? <SessionEndForm id={s.id} action={endSession} /> : null}
        </li>
      ))}
    </ul>
  );
}
