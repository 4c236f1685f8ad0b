"use client";

import { useEffect } from "react";
import { useOffline } from "./offline-provider";

/**
 * On "My week", online: keeps the entry pages it links to (the coordinator's areas for the week
 * shown) in the page cache, so that they open without a connection even if they were never
 * visited. Renders nothing.
 */
export function OfflineWarmup({ hrefs }: { hrefs: string[] }) {
  const offline = useOffline();
  const warm = offline?.warm;
  const key = hrefs.join("\n");
  useEffect(() => {
    if (warm) void warm(key ? key.split("\n") : []);
  }, [warm, key]);
  return null;
}
