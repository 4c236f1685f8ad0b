import { getTranslations } from "next-intl/server";
import { RequestIdNote } from "@/components/request-id";
import { Link } from "@/lib/i18n/navigation";

export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <section className="card max-w-xl">
      <h1 className="mb-2 text-xl font-bold">{t("forbiddenTitle")}</h1>
      <p className="mb-4">{t("forbiddenBody")}</p>
      <Link href="/">{t("backHome")}</Link>
      <RequestIdNote />
    </section>
  );
}
