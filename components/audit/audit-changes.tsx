import { getTranslations } from "next-intl/server";

type Change = { key: string; old?: unknown; new?: unknown; hasOld: boolean; hasNew: boolean };

/** Beyond this a value goes into a <details>; beyond MAX_JSON it is shortened on screen (the database keeps it whole). */
const INLINE_MAX = 80;
const MAX_JSON = 4000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys whose value differs between the old and new snapshot; a whole value when either is not an object. */
function diff(oldValues: unknown, newValues: unknown): Change[] {
  const hasOld = oldValues !== null && oldValues !== undefined;
  const hasNew = newValues !== null && newValues !== undefined;
  if ((hasOld && !isRecord(oldValues)) || (hasNew && !isRecord(newValues)))
    return [{ key: "", old: oldValues, new: newValues, hasOld, hasNew }];
  const o = isRecord(oldValues) ? oldValues : {};
  const n = isRecord(newValues) ? newValues : {};
  const keys = [...new Set([...Object.keys(n), ...Object.keys(o)])];
  return keys
    .filter((k) => !(k in o && k in n && same(o[k], n[k])))
    .map((k) => ({ key: k, old: o[k], new: n[k], hasOld: k in o, hasNew: k in n }));
}

/** A stored value as a reader says it: yes/no, a role, a status or a language by name; anything else as stored. */
type Word = (key: string, value: unknown) => string | null;

function Value({ value, more, word, field }: { value: unknown; more: string; word: Word; field: string }) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-500">—</span>;
  const said = word(field, value);
  if (said !== null) return <bdi className="font-medium">{said}</bdi>;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    const text = String(value);
    if (text.length <= INLINE_MAX) return <bdi className="font-medium">{text}</bdi>;
  }
  const flat = Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null);
  const compact = flat ? (value as unknown[]).join(", ") : JSON.stringify(value);
  if (compact.length <= INLINE_MAX) return <bdi className="font-medium">{compact}</bdi>;
  const full = typeof value === "string" ? value : flat ? compact : JSON.stringify(value, null, 2);
  return (
    <details className="inline-block align-top">
      <summary className="cursor-pointer text-sky-800">{more}</summary>
      <pre dir="ltr" className="max-h-64 max-w-xl overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-start text-xs">
        {full.length > MAX_JSON ? `${full.slice(0, MAX_JSON)}…` : full}
      </pre>
    </details>
  );
}

/** Old → new values of an audit entry as a compact list of the changed keys. */
export async function AuditChanges({ oldValues, newValues }: { oldValues: unknown; newValues: unknown }) {
  const t = await getTranslations("audit");
  const root = await getTranslations();
  const changes = diff(oldValues, newValues);
  // Known keys and words from the catalogue; a key or value it does not know yet shows as stored.
  const fieldLabel = (key: string) => (t.has(`fields.${key}`) ? t(`fields.${key}`) : key);
  const word: Word = (field, value) => {
    if (typeof value === "boolean") return t(`values.${value}`);
    if (typeof value !== "string") return null;
    if (field === "role" && root.has(`common.roles.${value}`)) return root(`common.roles.${value}`);
    if (field === "status" && root.has(`reports.status.${value}`)) return root(`reports.status.${value}`);
    if (["locale", "numerals", "chosenOn", "scope"].includes(field) && t.has(`values.${value}`)) return t(`values.${value}`);
    return null;
  };
  if (!changes.length) return <span className="text-slate-500">{t("noValues")}</span>;
  const more = t("showValue");
  return (
    <ul className="grid gap-1 text-xs" data-testid="audit-changes">
      {changes.map((c) => (
        <li key={c.key || "value"} className="flex flex-wrap items-baseline gap-x-1">
          {c.key ? (
            <span className="text-slate-600" data-key={c.key}>
              {t("fieldLabel", { field: fieldLabel(c.key) })}
            </span>
          ) : null}
          {c.hasOld ? (
            <>
              <span className="text-red-900">
                <Value value={c.old} more={more} word={word} field={c.key} />
              </span>
              {/* The arrow comes from the catalogue: it must point from old to new in either direction. */}
              <span aria-hidden="true" className="text-slate-500">
                {t("arrow")}
              </span>
              <span className="sr-only">{t("changedTo")}</span>
            </>
          ) : null}
          {c.hasNew ? (
            <span className="text-green-900">
              <Value value={c.new} more={more} word={word} field={c.key} />
            </span>
          ) : (
            <span className="text-slate-500">{t("removed")}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
