// Global setup for the disclosure tests: the fake Internet (security.txt, RDAP, DoH) and a
// real SMTP sink, both on 127.0.0.1; their addresses reach the Worker tests through `inject`.
import type { TestProject } from "vitest/node";
import { startFakeInternet } from "../../cli/local/fake-internet.ts";
import { startSmtpSink } from "../../cli/local/smtp-sink.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const internet = await startFakeInternet();
  const sink = await startSmtpSink();
  project.provide("fakeInternet", internet.url);
  project.provide("smtpSinkPort", String(sink.smtpPort));
  project.provide("smtpSinkHttp", sink.httpUrl);
  return async () => {
    await internet.stop();
    await sink.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    fakeInternet: string;
    smtpSinkPort: string;
    smtpSinkHttp: string;
  }
}
