import { z } from "zod";

/*
 * In the browser, zod must not compile object parsers with `new Function`: the page's CSP has no
 * 'unsafe-eval', and even zod's caught probe for it is reported as a CSP violation. Jitless parsing
 * is slower only on large inputs; forms are small. The server (no CSP there) keeps the compiled
 * parsers. Every schema module imports this first: zod decides when an object schema is created.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
