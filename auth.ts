import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authenticate } from "@/lib/auth/login";
import { readServerEnv } from "@/lib/env";
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
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, clientIp: {} },
        async authorize(credentials) {
          const result = await authenticate(getDb(), {
            email: String(credentials.email ?? ""),
            password: String(credentials.password ?? ""),
            ip: String(credentials.clientIp ?? "unknown"),
          });
          if (result.ok) return { id: String(result.userId) };
          throw new SignInRefused(result.reason === "throttled" ? `throttled:${result.retryAfterMinutes}` : "invalid");
        },
      }),
    ],
  };
});
