import type { NextAuthConfig } from "next-auth";

/**
 * The part of the Auth.js configuration that needs no database: session shape and pages
 * (auth.ts adds the provider, the session row check and the cookie's lifetime).
 * The session token carries the user id and a server-side session id, nothing else: the
 * session row (lib/auth/sessions.ts) decides whether it is still alive, and role, areas and
 * active status are read from the database on every request.
 */
export const authConfig = {
  trustHost: true,
  pages: { signIn: "/en/signin" },
  providers: [],
  callbacks: {
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.sub ?? "" },
        sid: typeof token.sid === "string" ? token.sid : "",
        ...(typeof token.unavailable === "string" ? { unavailable: token.unavailable } : {}),
      } as typeof session;
    },
  },
  logger: {
    // A failed sign-in is expected, not an error worth a stack trace (and never log credentials).
    error(error) {
      // `type`, not `name`: class names are minified in the production build.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
} satisfies NextAuthConfig;
