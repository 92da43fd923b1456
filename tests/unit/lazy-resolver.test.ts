import { describe, expect, it } from "vitest";
import type { Resolver, ResolverResult } from "react-hook-form";
import { lazyResolver, onFirstUse } from "@/features/ui/lazy-resolver";

type Values = { code: string };
const options = { fields: {}, shouldUseNativeValidation: false } as const;
const refuseEmpty: Resolver<Values> = async (values): Promise<ResolverResult<Values>> => {
  if (values.code === "") return { values: {}, errors: { code: { type: "required", message: "Enter the code" } } };
  return { values, errors: {} };
};

describe("a form's validation loaded after the page", () => {
  it("checks with the loaded resolver, loading it once", async () => {
    let loads = 0;
    const { resolver, preload } = lazyResolver(async () => {
      loads += 1;
      return refuseEmpty;
    });
    preload();
    expect((await resolver({ code: "" }, undefined, options)).errors.code?.message).toBe("Enter the code");
    expect((await resolver({ code: "123456" }, undefined, options)).values).toEqual({ code: "123456" });
    expect(loads).toBe(1);
  });

  it("sends the form as typed when the code cannot be loaded, and tries to load it again next time", async () => {
    let loads = 0;
    const { resolver } = lazyResolver(async () => {
      loads += 1;
      if (loads === 1) throw new Error("chunk failed to load");
      return refuseEmpty;
    });
    expect(await resolver({ code: "" }, undefined, options)).toEqual({ values: { code: "" }, errors: {} });
    expect((await resolver({ code: "" }, undefined, options)).errors.code?.message).toBe("Enter the code");
    expect(loads).toBe(2);
  });
});

describe("loading a form's checks when the person first uses the page", () => {
  it("starts once, on the first focus, press or key, and not before", () => {
    for (const type of ["focusin", "pointerdown", "keydown"]) {
      const page = new EventTarget();
      let starts = 0;
      onFirstUse(() => (starts += 1), page);
      page.dispatchEvent(new Event("scroll"));
      expect(starts).toBe(0);
      page.dispatchEvent(new Event(type));
      page.dispatchEvent(new Event(type));
      page.dispatchEvent(new Event("focusin"));
      expect(starts).toBe(1);
    }
  });

  it("never starts once the form has stopped listening (it left the page)", () => {
    const page = new EventTarget();
    let starts = 0;
    const stop = onFirstUse(() => (starts += 1), page);
    stop();
    page.dispatchEvent(new Event("keydown"));
    expect(starts).toBe(0);
  });
});
