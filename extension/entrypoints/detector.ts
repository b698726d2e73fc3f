import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { detectPage } from "../lib/detect-page.ts";

// Injected by the background (scripting.executeScript) into a page that passed the gate. Its
// return value is the finding: counts and redacted samples only, never a file name.
export default defineUnlistedScript(() => detectPage(document, location.href, new Date().toISOString()));
