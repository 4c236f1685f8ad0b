import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authenticate } from "@/lib/auth/login";
import { endSession, resolveSession } from "@/lib/auth/sessions";
import { readServerEnv, sessionSettings } from "@/lib/env";
import { unavailableFrom } from "@/lib/errors";
import { authConfig } from "./auth.config";

/** The code tells the sign-in form which message to show; it never says which of e-mail or password was wrong. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = readServerEnv();
  return {
    ...authConfig,
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: Math.ceil(sessionSettings().maxAgeMs / 1000) },
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, clientIp: {}, userAgent: {} },
        async authorize(credentials) {
          const result = await authenticate(getDb(), {
            email: String(credentials.email ?? ""),
            password: String(credentials.password ?? ""),
            ip: String(credentials.clientIp ?? "unknown"),
            userAgent: String(credentials.userAgent ?? ""),
          });
          if (result.ok) return { id: String(result.userId), sid: result.sid };
          throw new SignInRefused(result.reason === "throttled" ? `throttled:${result.retryAfterMinutes}` : "invalid");
        },
      }),
    ],
    callbacks: {
      ...authConfig.callbacks,
      // Runs on every auth(): a token whose session row is gone, expired or idle is no session (and its cookie is cleared).
      jwt({ token, user }) {
        if (user?.id) return { sub: user.id, sid: user.sid };
        let userId: number | null;
        try {
          userId = resolveSession(getDb(), token.sid);
        } catch (e) {
          // Auth.js would turn the error into "signed out". A database that cannot be read is not an
          // ended session: the session carries the code, and getActor() fails the request with a 503.
          if (!unavailableFrom(e)) throw e;
          return { sub: token.sub, sid: token.sid, unavailable: String((e as { code: string }).code) };
        }
        return userId !== null && String(userId) === token.sub ? { sub: token.sub, sid: token.sid } : null;
      },
    },
    events: {
      signOut(message) {
        if ("token" in message) endSession(getDb(), message.token?.sid);
      },
    },
  };
});
