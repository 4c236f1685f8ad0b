import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { ROLES, type Role } from "@/lib/roles";

export const asRole = (v: unknown, fallback: Role): Role => (ROLES as readonly unknown[]).includes(v) ? (v as Role) : fallback;

/** `defaultValue` is for the server-rendered HTML (JavaScript off); react-hook-form takes over once hydrated. */
export function RoleSelect({ inputProps, invalid, defaultValue }: { inputProps: UseFormRegisterReturn; invalid: boolean; defaultValue: Role }) {
  const tc = useTranslations("common");
  return (
    <select id="role" className="input" aria-invalid={invalid} aria-describedby="role-error" defaultValue={defaultValue} {...inputProps}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {tc(`roles.${r}`)}
        </option>
      ))}
    </select>
  );
}
