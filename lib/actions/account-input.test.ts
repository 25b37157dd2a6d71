import { describe, expect, it } from "vitest";
import { accountFormValues, cronProblem, ZNewAccountForm } from "./account-input";

const valid = {
  accountId: "123456789012",
  name: "Demo estate",
  regions: "us-east-1, eu-west-1",
  roleArn: "",
  externalId: "",
  schedule: "0 */6 * * *",
  enabled: true,
};

describe("ZNewAccountForm", () => {
  it("accepts a minimal account and normalizes regions and empty optionals", () => {
    const r = ZNewAccountForm.parse({ ...valid, regions: " us-east-1,eu-west-1  us-east-1 us-gov-west-1" });
    expect(r.regions).toEqual(["us-east-1", "eu-west-1", "us-gov-west-1"]);
    expect(r.roleArn).toBeNull();
    expect(r.externalId).toBeNull();
  });

  it("accepts a role ARN with an external id", () => {
    const r = ZNewAccountForm.parse({
      ...valid,
      roleArn: "arn:aws:iam::210987654321:role/path/LanternScanner",
      externalId: "lantern-2f1c",
    });
    expect(r.roleArn).toBe("arn:aws:iam::210987654321:role/path/LanternScanner");
    expect(r.externalId).toBe("lantern-2f1c");
  });

  it.each([
    ["accountId", "12345678901"],
    ["accountId", "12345678901a"],
    ["name", "   "],
    ["regions", ""],
    ["regions", "us-east-1, US-WEST-2"],
    ["regions", "useast1"],
    ["roleArn", "arn:aws:iam::123:role/x"],
    ["roleArn", "arn:aws:iam::123456789012:user/bob"],
    ["externalId", "x"],
    ["schedule", "every hour"],
  ] as const)("rejects %s = %j with an error on that field", (field, value) => {
    const r = ZNewAccountForm.safeParse({ ...valid, [field]: value });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe("cronProblem", () => {
  it.each(["0 */6 * * *", "*/15 * * * *", "0 3 * * 1-5", "5,35 0-23/2 1 1,7 0"])("accepts %s", (expr) => {
    expect(cronProblem(expr)).toBeNull();
  });

  it.each([
    ["0 */6 * *", /5 fields/],
    ["60 * * * *", /minute field must stay within 0-59/],
    ["0 24 * * *", /hour/],
    ["0 0 0 * *", /day of month/],
    ["0 0 * 13 *", /month/],
    ["0 0 * * 8", /day of week/],
    ["0 5-2 * * *", /runs backwards/],
    ["*/0 * * * *", /step cannot be 0/],
    ["0 0 * * MON", /not a number/],
  ])("rejects %s", (expr, why) => {
    expect(cronProblem(expr)).toMatch(why);
  });
});

describe("accountFormValues", () => {
  it("reads an unticked checkbox as disabled and missing fields as empty", () => {
    const form = new FormData();
    form.set("accountId", "123456789012");
    expect(accountFormValues(form)).toMatchObject({ accountId: "123456789012", name: "", enabled: false });
    form.set("enabled", "on");
    expect(accountFormValues(form).enabled).toBe(true);
  });
});
