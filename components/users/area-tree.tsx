"use client";

import { useMemo, useState, useSyncExternalStore, type KeyboardEvent, type MouseEvent } from "react";
import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { AreaName } from "@/components/area-name";
import { appendTo } from "@/lib/append-to";
import { foldForSearch } from "@/lib/search-fold";

export type TreeArea = { id: number; pcode: string; nameEn: string; nameAr: string; level: number; parentId: number | null };

const noSubscription = () => () => {};
/** True once React runs in the browser: the search box exists only where it can work. */
const useScripted = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/**
 * Governorate > district > sub-district, every area a checkbox with its label. A branch's
 * sub-areas fold in a <details> below its own row, whose <summary> holds only text (a checkbox
 * inside a summary is a control inside a control). Without JavaScript every box is in the page
 * and posts; governorates start open, and so does every branch holding a ticked area.
 *
 * With JavaScript a search box filters the tree by English or Arabic name or P-code (Arabic
 * compared without marks and hamza variants, lib/search-fold.ts), opening the branches that hold
 * a match; hidden boxes still post. The chosen areas are listed above the tree either way.
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
  const t = useTranslations("users.fields");
  const tc = useTranslations("common");
  const scripted = useScripted();
  const [query, setQuery] = useState("");
  const [ticked, setTicked] = useState(() => new Set(selected));
  // A new list from the server (after a save, or a refused post echoed back) replaces the live one.
  const [shownSelected, setShownSelected] = useState(selected);
  if (shownSelected !== selected && shownSelected.join() !== selected.join()) {
    setShownSelected(selected);
    setTicked(new Set(selected));
  }

  const tree = useMemo(() => {
    const byId = new Map(areas.map((a) => [a.id, a]));
    const children = new Map<number | null, TreeArea[]>();
    for (const a of areas) appendTo(children, a.parentId !== null && byId.has(a.parentId) ? a.parentId : null, a);
    for (const list of children.values()) list.sort((a, b) => a.pcode.localeCompare(b.pcode));
    const folded = new Map(areas.map((a) => [a.id, `${foldForSearch(a.nameEn)}\n${foldForSearch(a.nameAr)}\n${a.pcode.toLowerCase()}`]));
    const order = new Map<string, number>();
    const walk = (list: TreeArea[]) => list.forEach((a) => (order.set(a.pcode, order.size), walk(children.get(a.id) ?? [])));
    walk(children.get(null) ?? []);
    return { byId, children, folded, order };
  }, [areas]);

  const initiallyOpen = useMemo(() => {
    const open = new Set<number>();
    for (const a of areas) {
      if (!selected.includes(a.pcode)) continue;
      for (let p = a.parentId; p !== null && !open.has(p); p = tree.byId.get(p)?.parentId ?? null) open.add(p);
    }
    return open;
  }, [areas, selected, tree]);

  const needle = scripted ? foldForSearch(query) : "";
  // Areas shown while searching: the matches and the branches above them.
  const { shown, matches } = useMemo(() => {
    if (!needle) return { shown: null, matches: 0 };
    const shownIds = new Set<number>();
    let count = 0;
    for (const a of areas) {
      if (!tree.folded.get(a.id)!.includes(needle)) continue;
      count += 1;
      for (let id: number | null = a.id; id !== null && !shownIds.has(id); id = tree.byId.get(id)?.parentId ?? null) shownIds.add(id);
    }
    return { shown: shownIds, matches: count };
  }, [needle, areas, tree]);

  const chosen = areas.filter((a) => ticked.has(a.pcode)).sort((a, b) => (tree.order.get(a.pcode) ?? 0) - (tree.order.get(b.pcode) ?? 0));

  const onBoxChange: UseFormRegisterReturn["onChange"] = (event) => {
    const box = event.target as HTMLInputElement;
    setTicked((prev) => {
      const next = new Set(prev);
      if (box.checked) next.add(box.value);
      else next.delete(box.value);
      return next;
    });
    return inputProps.onChange(event);
  };

  // A chosen area's link leads to its box: with JavaScript, also out of a search and folded branches.
  const reveal = (event: MouseEvent<HTMLAnchorElement>, pcode: string) => {
    const box = document.getElementById(`area-${pcode}`);
    if (!box) return;
    event.preventDefault();
    setQuery("");
    requestAnimationFrame(() => {
      for (let d = box.closest("details"); d; d = d.parentElement?.closest("details") ?? null) d.open = true;
      box.scrollIntoView({ block: "center" });
      box.focus();
    });
  };

  // Enter in the search box must not post the account form.
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") event.preventDefault();
  };

  // Filtered-out areas stay in the page, hidden, so that their ticked boxes still post.
  const node = (a: TreeArea) => {
    const hidden = shown ? !shown.has(a.id) : false;
    const kids = tree.children.get(a.id) ?? [];
    const row = (
      <span className="inline-flex items-baseline gap-1.5">
        <input type="checkbox" id={`area-${a.pcode}`} value={a.pcode} defaultChecked={selected.includes(a.pcode)} {...inputProps} onChange={onBoxChange} />
        <label htmlFor={`area-${a.pcode}`}>
          <AreaName area={a} locale={locale} />
        </label>
        {kids.length ? <span className="text-xs text-slate-600">· {tc(`levels.${a.level}`)}</span> : null}
      </span>
    );
    if (!kids.length)
      return (
        <li key={a.id} className="py-0.5" data-pcode={a.pcode} hidden={hidden}>
          {row}
        </li>
      );
    const open = shown ? true : a.level === 1 || initiallyOpen.has(a.id);
    return (
      <li key={a.id} className="py-0.5" data-pcode={a.pcode} hidden={hidden}>
        {row}
        <details open={open} className="ms-5">
          <summary className="cursor-pointer text-xs text-slate-700">
            {t("subAreas", { count: kids.length })}
            <span className="sr-only">
              {" "}
              <AreaName area={a} locale={locale} />
            </span>
          </summary>
          <ul className="border-s border-slate-200 ps-2">{kids.map(node)}</ul>
        </details>
      </li>
    );
  };

  return (
    <div className="grid gap-2">
      <div data-testid="area-chosen">
        <p className="text-xs font-semibold" id="area-chosen-title">
          {t("chosen", { count: chosen.length })}
        </p>
        {chosen.length ? (
          <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm" aria-labelledby="area-chosen-title">
            {chosen.map((a) => (
              <li key={a.pcode} data-pcode={a.pcode}>
                <a href={`#area-${a.pcode}`} onClick={(e) => reveal(e, a.pcode)}>
                  <AreaName area={a} locale={locale} />
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {scripted ? (
        <div>
          <label className="label" htmlFor="area-search">
            {t("search")}
          </label>
          <input
            id="area-search"
            type="search"
            className="input"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            aria-describedby="area-search-hint area-search-count"
            data-testid="area-search"
          />
          <p id="area-search-hint" className="mt-1 text-xs text-slate-600">
            {t("searchHint")}
          </p>
          <p id="area-search-count" className="text-xs text-slate-700" aria-live="polite" data-testid="area-search-count">
            {needle ? t("matches", { count: matches }) : ""}
          </p>
        </div>
      ) : null}
      <div className="max-h-96 overflow-y-auto rounded border border-slate-300 bg-white p-2 text-sm" role="region" tabIndex={0} aria-labelledby="areas-legend">
        <ul data-testid="area-tree">{(tree.children.get(null) ?? []).map(node)}</ul>
      </div>
    </div>
  );
}
