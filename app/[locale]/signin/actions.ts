"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { getDb } from "@/db/client";
import type { ActionState } from "@/lib/action-state";
import { signInLanguage } from "@/lib/auth/login";
import { safeNext } from "@/lib/http/safe-next";
import { endSession } from "@/lib/auth/sessions";
import { clientAddress, clientUserAgent, currentSessionId } from "@/lib/next/session";
import { signInInput } from "@/lib/validation/users";
import { zodFieldErrors } from "@/lib/validation/zod-messages";

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = signInInput.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { ok: false, msg: { key: "errors.invalid" }, fieldErrors: zodFieldErrors(parsed.error) };
  // A session this browser already had ends when a new one starts (ASVS 7.2.4), not at its idle limit.
  const earlier = await currentSessionId();
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      clientIp: await clientAddress(),
      userAgent: await clientUserAgent(),
      redirect: false,
    });
  } catch (e) {
    if (e instanceof CredentialsSignin && e.code.startsWith("throttled:"))
      return { ok: false, msg: { key: "auth.throttled", values: { minutes: Number(e.code.split(":")[1]) } } };
    if (e instanceof AuthError) return { ok: false, msg: { key: "auth.invalid" } };
    throw e;
  }
  endSession(getDb(), earlier);
  // The page's language, an explicit switch on it and the saved choice decide where the user lands (decision 044).
  const landing = signInLanguage(getDb(), parsed.data.email, {
    locale: String(formData.get("pageLocale") ?? ""),
    switched: formData.get("languageSwitched") === "1",
  });
  redirect(safeNext(formData.get("next"), landing));
}
