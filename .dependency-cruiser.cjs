// The layering rules, checked by dependency-cruiser (docs/decisions/035-layering-checked-by-a-tool.md).
//
//   app/  →  components/  →  lib/  →  db/
//
// An arrow means "may import"; skipping a layer downwards is allowed (a page calls lib/ directly).
// Next glue (the parts of lib/ that need `next/*` or Auth.js) lives in lib/next/ only.
// tests/ and scripts/ may import anything; nothing else may import them.
// The paths are globs over folders (lib/**), never lists of lib's sub-folders, so that moving
// code inside lib/ (as when the figures code moved into lib/figures/) keeps every rule.
//
// Client components have their own check, over runtime imports only: .dependency-cruiser-client.cjs.
// Run both: npm run lint:layers (part of npm test).

/** Next itself and Auth.js, resolved (node_modules/...) or not. */
const NEXT = "(^|/)node_modules/(next|next-auth|@auth/[^/]+)/|^(next|next-auth)(/|$)";
/** The Auth.js instance and its config at the root, and the Next glue folder. */
const NEXT_GLUE = "^(auth|auth\\.config)\\.ts$|^lib/next/";
/** The two fixed vocabularies the schema imports (they import nothing). */
const VOCABULARY = "^lib/(roles|report-statuses)\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "components-not-app",
      comment:
        "Components never import from app/. Pages pass server actions to forms as props (FormAction in lib/action-state.ts).",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "lib-not-app-or-components",
      comment: "lib/ is below the routes and the UI: it never imports app/ or components/.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "lib-not-next",
      comment:
        "Only lib/next/ (the Next glue: session, page guard, action wrapper) may import next, next/*, next-auth or auth.ts; the rest of lib/ does not import lib/next/ either, so it runs in scripts and tests.",
      severity: "error",
      from: { path: "^lib/", pathNot: "^lib/next/" },
      to: { path: [NEXT, NEXT_GLUE] },
    },
    {
      name: "db-is-the-bottom",
      comment: "db/ imports no layer above it, except the two vocabularies its schema is built from.",
      severity: "error",
      from: { path: "^db/" },
      to: { path: "^(app|components|lib)/", pathNot: VOCABULARY },
    },
    {
      name: "vocabulary-imports-nothing",
      comment: "lib/roles.ts and lib/report-statuses.ts import nothing, so that db/ and client code can share them safely.",
      severity: "error",
      from: { path: VOCABULARY },
      to: { path: ".+" },
    },
    {
      name: "components-not-db",
      comment: "Components reach data through lib/ (types included), never db/ directly.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^db/" },
    },
    {
      name: "app-no-queries",
      comment:
        "Routes hand the database client to lib/; they never query (no db/schema, no drizzle-orm). Queries live in lib/.",
      severity: "error",
      from: { path: "^app/" },
      to: { path: ["^db/(?!client\\.ts$)", "(^|/)node_modules/drizzle-orm/|^drizzle-orm(/|$)"] },
    },
    {
      name: "auth-instance-only-in-glue",
      comment: "The Auth.js instance (auth.ts) is used by app/ and lib/next/ only; components never import it.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^(auth|auth\\.config)\\.ts$" },
    },
    {
      name: "nothing-imports-tests-or-scripts",
      comment: "tests/ and scripts/ sit above everything: the application never imports them.",
      severity: "error",
      from: { path: "^(app|components|lib|db)/" },
      to: { path: "^(tests|scripts)/" },
    },
  ],
  options: {
    // Type-only imports count here: a type from app/ in lib/ is still a dependency on app/.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "(^|/)node_modules/" },
    // node_modules stays in the graph (the rules name next, next-auth, drizzle-orm) but is not followed.
    exclude: { path: "^(\\.next|test-results|playwright-report)/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
