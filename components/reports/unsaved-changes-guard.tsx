"use client";

import { useEffect, type RefObject } from "react";

/**
 * While `dirty`, leaving the page asks first: closing or reloading the tab (the browser's own
 * prompt), and following a link or a GET form outside `form` (previous/next week, "copy last
 * week's figures", the menu), which would otherwise drop typed figures without a word. Saving
 * remounts the form clean, so a saved page leaves without a question.
 */
export function UnsavedChangesGuard({ dirty, message, form }: { dirty: boolean; message: string; form: RefObject<HTMLFormElement | null> }) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = "";
    };
    const leaving = (target: EventTarget | null): boolean => {
      if (!(target instanceof Element)) return false;
      const link = target.closest("a[href]");
      if (link instanceof HTMLAnchorElement) return !link.hasAttribute("download") && link.target !== "_blank" && !link.href.startsWith("javascript:");
      return false;
    };
    // Capture phase: before Next's <Link> handler starts a client-side navigation.
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (leaving(e.target) && !window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    const onSubmit = (e: SubmitEvent) => {
      if (e.target instanceof HTMLFormElement && e.target !== form.current && !window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    document.addEventListener("submit", onSubmit, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("submit", onSubmit, true);
    };
  }, [dirty, message, form]);
  return null;
}
