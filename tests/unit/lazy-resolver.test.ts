import { describe, expect, it } from "vitest";
import type { Resolver, ResolverResult } from "react-hook-form";
import { lazyResolver } from "@/features/ui/lazy-resolver";

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
