import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/components/signin-form";
import { signInAction } from "./actions";
import { titled } from "@/lib/next/page-title";

export const generateMetadata = titled("auth.title");

export default async function SignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const sp = await searchParams;
  const t = await getTranslations("auth");
  const note = sp.signedOut ? t("signedOut") : sp.passwordChanged ? t("passwordChanged") : null;
  return (
    <div className="flex flex-col items-center gap-4 pt-8">
      {note ? (
        <p className="alert-ok" role="status">
          {note}
        </p>
      ) : null}
      <SignInForm next={typeof sp.next === "string" ? sp.next : undefined} locale={locale} switched={sp.switched === "1"} action={signInAction} />
    </div>
  );
}
