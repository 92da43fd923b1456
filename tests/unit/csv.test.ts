import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/csv";

describe("CSV cells", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+1 555 0100", "'+1 555 0100"],
    ["-2", "'-2"],
    ["@cmd", "'@cmd"],
    ["\tTabbed", "'\tTabbed"],
    ["\rReturn", "\"'\rReturn\""],
  ])("neutralises %j so a spreadsheet shows it as text", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
  it("quotes commas, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvCell("Case viewed")).toBe("Case viewed");
    expect(csvCell('Rivera, "JJ"')).toBe('"Rivera, ""JJ"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvRow(["a", "=b"])).toBe("a,'=b\r\n");
  });
});
