import { describe, expect, it } from "vitest";
import { smtpTransportOptions } from "@/server/mail/transport";

describe("the SMTP connection's options", () => {
  it("requires STARTTLS for smtp:// to any other machine, so nothing goes in the clear", () => {
    const options = smtpTransportOptions("smtp://mailer:s3cret@mail.example.org:587");
    expect(options).toMatchObject({ host: "mail.example.org", port: 587, secure: false, requireTLS: true, auth: { user: "mailer", pass: "s3cret" } });
    expect(options.tls).toMatchObject({ rejectUnauthorized: true });
    expect(smtpTransportOptions("smtp://10.0.0.5").requireTLS).toBe(true);
    expect(smtpTransportOptions("smtp://localhost.example.org:25").requireTLS).toBe(true);
  });

  it("uses TLS from the first byte for smtps://, on port 465 unless told otherwise", () => {
    expect(smtpTransportOptions("smtps://mail.example.org")).toMatchObject({ host: "mail.example.org", port: 465, secure: true });
    expect(smtpTransportOptions("smtps://mail.example.org:2465").port).toBe(2465);
  });

  it.each(["smtp://localhost:1025", "smtp://127.0.0.1:2525", "smtp://[::1]:25"])("lets %s (this machine) skip TLS", (url) => {
    expect(smtpTransportOptions(url)).toMatchObject({ secure: false, requireTLS: false });
  });

  it("decodes credentials and sends none when the URL has none", () => {
    expect(smtpTransportOptions("smtp://no%40reply:p%2Fss@mail.example.org").auth).toEqual({ user: "no@reply", pass: "p/ss" });
    expect(smtpTransportOptions("smtp://mail.example.org").auth).toBeUndefined();
  });

  it("refuses anything but smtp:// and smtps://", () => {
    expect(() => smtpTransportOptions("http://mail.example.org")).toThrow(/smtp/);
  });
});
