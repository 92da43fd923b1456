import { describe, expect, it } from "vitest";
import { openText, sealText } from "@/lib/sealed-text";

const options = { applicationSecret: "a-test-secret-of-at-least-32-characters!", purpose: "totp-secret", context: "user-1" };

describe("sealed text (AES-256-GCM, key from HKDF)", () => {
  it("opens what it sealed, and seals the same text differently each time", () => {
    const sealed = sealText("JBSWY3DPEHPK3PXPJBSWY3DP", options);
    expect(sealed).not.toContain("JBSWY3DP");
    expect(openText(sealed, options)).toBe("JBSWY3DPEHPK3PXPJBSWY3DP");
    expect(sealText("JBSWY3DPEHPK3PXPJBSWY3DP", options)).not.toBe(sealed);
  });

  it("refuses a sealed value that was altered anywhere", () => {
    const sealed = sealText("JBSWY3DPEHPK3PXPJBSWY3DP", options);
    const parts = sealed.split(".");
    for (let part = 1; part < parts.length; part++) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[part]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      altered[part] = bytes.toString("base64url");
      expect(openText(altered.join("."), options)).toBeNull();
    }
    expect(openText(parts.slice(0, 3).join("."), options)).toBeNull();
    // A cut-short tag is not accepted as a weaker one.
    expect(openText([parts[0], parts[1], parts[2]!.slice(0, 6), parts[3]].join("."), options)).toBeNull();
    expect(openText("v2" + sealed.slice(2), options)).toBeNull();
    expect(openText("", options)).toBeNull();
  });

  it("does not open for another person, another purpose or under another secret", () => {
    const sealed = sealText("JBSWY3DPEHPK3PXPJBSWY3DP", options);
    expect(openText(sealed, { ...options, context: "user-2" })).toBeNull();
    expect(openText(sealed, { ...options, purpose: "totp-set-up" })).toBeNull();
    expect(openText(sealed, { ...options, applicationSecret: "another-secret-of-at-least-32-characters" })).toBeNull();
  });
});
