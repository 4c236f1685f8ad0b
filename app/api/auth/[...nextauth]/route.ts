import type { NextRequest } from "next/server";
import { handlers } from "@/auth";

export const { GET } = handlers;

/**
 * Sign-in goes through the server action only (it adds the client address for throttling);
 * a direct POST to the credentials callback is refused so that nobody can set that field.
 */
export function POST(req: NextRequest) {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) return new Response("Not found", { status: 404 });
  return handlers.POST(req);
}
