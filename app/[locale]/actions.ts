"use server";

import { signOut } from "@/auth";

export async function signOutAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale") === "ar" ? "ar" : "en";
  await signOut({ redirectTo: `/${locale}/signin?signedOut=1` });
}
