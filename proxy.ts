import createMiddleware from "next-intl/middleware";
import { routing } from "./lib/i18n/routing";

// Only locale routing lives here: authorization is checked in lib/ on every read and write.
export default createMiddleware(routing);

export const config = {
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
