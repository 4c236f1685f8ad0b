/** `npm run build`'s second step: the production server as one JavaScript file (scripts/server-bundle.ts). */
import { buildServerBundle, SERVER_BUNDLE } from "./server-bundle";

buildServerBundle();
console.log(`Built ${SERVER_BUNDLE}`);
