import Link from "next/link";

// Outside any locale (e.g. a malformed path): a plain bilingual 404.
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>Page not found (404)</h1>
        <p lang="ar" dir="rtl">
          الصفحة غير موجودة
        </p>
        <p>
          <Link href="/en">Rasd — English</Link> · <Link href="/ar">رصد — العربية</Link>
        </p>
      </body>
    </html>
  );
}
