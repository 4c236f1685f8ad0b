import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string };
    /** The server-side session id (lib/auth/sessions.ts): names the row that decides whether this session lives. */
    sid: string;
    /** Set when the session row could not be read (the database was locked, full or read-only): its SQLite code. */
    unavailable?: string;
  }
  interface User {
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    unavailable?: string;
  }
}
