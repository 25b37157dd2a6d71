import { describe, expect, it } from "vitest";
import { ZInstallationSettings } from "@/lib/db/settings";
import { splitIdList, trustFormValues, ZTrustForm } from "./trust-settings-input";

describe("ZTrustForm", () => {
  it("reads one id per line, trims, drops blanks and repeats", () => {
    const r = ZTrustForm.parse({
      trustedAccountIds: " 111122223333\n\n444455556666\r\n111122223333 ",
      trustedOrganizationIds: "o-a1b2c3d4e5\n",
    });
    expect(r).toEqual({ trustedAccountIds: ["111122223333", "444455556666"], trustedOrganizationIds: ["o-a1b2c3d4e5"] });
    // what the form accepts is what the store accepts
    expect(ZInstallationSettings.parse(r)).toEqual(r);
  });

  it("accepts empty lists (nobody trusted)", () => {
    expect(ZTrustForm.parse({ trustedAccountIds: "", trustedOrganizationIds: "  \n " })).toEqual({ trustedAccountIds: [], trustedOrganizationIds: [] });
  });

  it("also splits on commas and spaces, for pasted lists", () => {
    expect(splitIdList("111122223333, 444455556666 777788889999")).toEqual(["111122223333", "444455556666", "777788889999"]);
  });

  it.each([
    ["trustedAccountIds", "12345678901"],
    ["trustedAccountIds", "1234567890123"],
    ["trustedAccountIds", "12345678901a"],
    ["trustedAccountIds", "arn:aws:iam::123456789012:root"],
    ["trustedOrganizationIds", "o-short"],
    ["trustedOrganizationIds", "O-A1B2C3D4E5"],
    ["trustedOrganizationIds", "r-a1b2"],
    ["trustedOrganizationIds", "123456789012"],
  ] as const)("rejects %s %s and names the entry", (field, bad) => {
    const other = field === "trustedAccountIds" ? "trustedOrganizationIds" : "trustedAccountIds";
    const r = ZTrustForm.safeParse({ [field]: `${field === "trustedAccountIds" ? "111122223333" : "o-a1b2c3d4e5"}\n${bad}`, [other]: "" });
    expect(r.success).toBe(false);
    const issues = r.error!.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual([field]);
    expect(issues[0].message).toContain(`“${bad}”`);
    expect(issues[0].message).toMatch(field === "trustedAccountIds" ? /12 digits/ : /o- followed by/);
  });

  it("lists several bad entries in one message, at most five of them", () => {
    const bad = ["1", "2", "3", "4", "5", "6", "7"];
    const r = ZTrustForm.safeParse({ trustedAccountIds: bad.join("\n"), trustedOrganizationIds: "" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(/^“1”, “2”, “3”, “4”, “5” and 2 more are not AWS account ids: /);
  });

  it("refuses an absurdly long list", () => {
    const ids = Array.from({ length: 1001 }, (_, i) => String(100000000000 + i));
    expect(ZTrustForm.safeParse({ trustedAccountIds: ids.join("\n"), trustedOrganizationIds: "" }).success).toBe(false);
  });
});

describe("trustFormValues", () => {
  it("echoes what was typed, missing fields as empty text", () => {
    const form = new FormData();
    form.set("trustedAccountIds", "bad\n111122223333");
    expect(trustFormValues(form)).toEqual({ trustedAccountIds: "bad\n111122223333", trustedOrganizationIds: "" });
  });
});
