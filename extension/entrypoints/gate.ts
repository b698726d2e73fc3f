import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { runGate } from "../lib/gate-runner.ts";

// The gate, sent by the background (scripting.executeScript) to a loaded page whose URL and
// title leave a doubt (lib/tab-pregate.ts). It touches the extension API only when the gate
// passes, and then only to send one message.

interface Runtime {
  runtime: { sendMessage(message: unknown): Promise<unknown> | undefined };
}

export default defineUnlistedScript(() => {
  runGate(
    document,
    () => document.URL,
    (message) => {
      const api =
        (globalThis as { browser?: Runtime; chrome?: Runtime }).browser ?? (globalThis as { chrome?: Runtime }).chrome;
      api?.runtime.sendMessage(message)?.catch(() => undefined);
    },
    (fn, ms) => setTimeout(fn, ms),
  );
});
