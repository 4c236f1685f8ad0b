import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { AreaName } from "@/components/area-name";
import { appendTo } from "@/lib/append-to";

export type TreeArea = { id: number; pcode: string; nameEn: string; nameAr: string; level: number; parentId: number | null };

/**
 * Governorate > district > sub-district as nested <details>, so it folds without JavaScript.
 * Governorates start open, and so does every branch holding a ticked area, so a ticked box is never hidden.
 */
export function AreaTree({
  areas,
  locale,
  selected,
  inputProps,
}: {
  areas: TreeArea[];
  locale: string;
  selected: string[];
  inputProps: UseFormRegisterReturn;
}) {
  const tc = useTranslations("common");
  const ticked = new Set(selected);
  const byId = new Map(areas.map((a) => [a.id, a]));
  const children = new Map<number | null, TreeArea[]>();
  for (const a of areas) {
    const parent = a.parentId !== null && byId.has(a.parentId) ? a.parentId : null;
    appendTo(children, parent, a);
  }
  for (const list of children.values()) list.sort((a, b) => a.pcode.localeCompare(b.pcode));
  const open = new Set<number>();
  for (const a of areas) {
    if (!ticked.has(a.pcode)) continue;
    for (let p = a.parentId; p !== null && !open.has(p); p = byId.get(p)?.parentId ?? null) open.add(p);
  }

  // Leaves are all one level; the level is named only where a branch opens, to keep 350 rows light.
  const box = (a: TreeArea, branch: boolean) => (
    <span className="inline-flex items-baseline gap-1.5">
      <input
        type="checkbox"
        id={`area-${a.pcode}`}
        value={a.pcode}
        defaultChecked={ticked.has(a.pcode)}
        {...inputProps}
      />
      <label htmlFor={`area-${a.pcode}`}>
        <AreaName area={a} locale={locale} />
      </label>
      {branch ? <span className="text-xs text-slate-500">· {tc(`levels.${a.level}`)}</span> : null}
    </span>
  );

  const node = (a: TreeArea) => {
    const kids = children.get(a.id) ?? [];
    if (!kids.length)
      return (
        <li key={a.id} className="py-0.5 ps-5">
          {box(a, false)}
        </li>
      );
    return (
      <li key={a.id} className="py-0.5">
        <details open={a.level === 1 || open.has(a.id)}>
          <summary className="cursor-pointer">{box(a, true)}</summary>
          <ul className="ms-5 border-s border-slate-200 ps-1">{kids.map(node)}</ul>
        </details>
      </li>
    );
  };

  return <ul data-testid="area-tree">{(children.get(null) ?? []).map(node)}</ul>;
}
