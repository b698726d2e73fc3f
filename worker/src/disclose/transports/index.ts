import type { DiscloseEnv } from "../config.ts";
import { recordTransport } from "./record.ts";
import { sendEmailTransport } from "./send-email.ts";
import { smtpTransport } from "./smtp.ts";
import type { Transport } from "./types.ts";

/** The transport MAIL_TRANSPORT names: `record` (default), `smtp` or `send_email`. */
export function transportFor(env: DiscloseEnv): Transport {
  switch (env.MAIL_TRANSPORT ?? "record") {
    case "smtp": {
      const security = env.SMTP_SECURITY ?? "tls";
      if (security !== "tls" && security !== "starttls" && security !== "plain") {
        throw new Error(`SMTP_SECURITY must be tls, starttls or plain, not ${security}`);
      }
      // Plaintext SMTP carries credentials and notices in the clear: local tests only.
      if (security === "plain" && env.ENVIRONMENT === "production")
        throw new Error("SMTP_SECURITY=plain in production");
      if (!env.SMTP_HOST) throw new Error("MAIL_TRANSPORT=smtp needs SMTP_HOST");
      return smtpTransport({
        host: env.SMTP_HOST,
        port: Number(env.SMTP_PORT ?? (security === "tls" ? 465 : 587)),
        security,
        ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
        ...(env.SMTP_PASSWORD ? { password: env.SMTP_PASSWORD } : {}),
        helo: new URL(env.PUBLIC_BASE_URL).hostname,
      });
    }
    case "send_email":
      if (!env.EMAIL) throw new Error("MAIL_TRANSPORT=send_email needs the EMAIL binding");
      return sendEmailTransport(env.EMAIL);
    case "record":
      return recordTransport;
    default:
      throw new Error(`unknown MAIL_TRANSPORT ${env.MAIL_TRANSPORT}`);
  }
}
