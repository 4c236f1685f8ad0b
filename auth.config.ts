import type { NextAuthConfig } from "next-auth";

/**
 * The part of the Auth.js configuration that needs no database: session shape and pages.
 * The session token carries the user id and when they signed in, nothing else: role,
 * areas and active status are read from the database on every request.
 */
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/en/signin" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      // Milliseconds, like password_changed_at: a reset in the same second as a sign-in must still end it.
      if (user?.id) return { sub: user.id, authTime: Date.now() };
      return { sub: token.sub, authTime: token.authTime };
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.sub ?? "" },
        authTime: typeof token.authTime === "number" ? token.authTime : 0,
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
