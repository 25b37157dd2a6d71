// The two settings actions end to end, with the database and the registry replaced: what they save, and
// that a rejected form saves nothing and comes back with what was typed.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { AnyRuleDefinition } from "@/lib/rules/types";

const db = vi.hoisted(() => ({
  saveRuleSetting: vi.fn(async () => {}),
  saveInstallationSettings: vi.fn(async () => {}),
  getRuleSettings: vi.fn(async () => new Map<string, { enabled: boolean; settings: unknown }>()),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/db/settings", () => db);
vi.mock("@/lib/rules/registry", () => ({
  getRule: (id: string) => (id === "test_rule" || id === "old_test_rule" ? TEST_RULE : id === "plain_rule" ? PLAIN_RULE : undefined),
}));

const TEST_RULE = {
  id: "test_rule",
  settings: {
    schema: z.object({ staleDays: z.number().int().min(1), publishers: z.array(z.string().regex(/^\d{12}$/)) }),
    defaults: { staleDays: 90, publishers: ["094274105915"] },
    describe: { staleDays: "Days.", publishers: "Accounts." },
  },
} as unknown as AnyRuleDefinition;
const PLAIN_RULE = { id: "plain_rule" } as unknown as AnyRuleDefinition;

const { saveRuleSettingsAction } = await import("./save-rule-settings");
const { saveTrustSettingsAction } = await import("./save-trust-settings");

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe("saveRuleSettingsAction", () => {
  it("saves whether the rule runs and the settings that differ from the defaults", async () => {
    const state = await saveRuleSettingsAction(
      { status: "idle" },
      form({ ruleId: "test_rule", intent: "save", enabled: "on", "setting.staleDays": "30", "setting.publishers": "094274105915" }),
    );
    expect(state).toMatchObject({ status: "saved", message: expect.stringContaining("1 customized setting") });
    expect(db.saveRuleSetting).toHaveBeenCalledWith("test_rule", { enabled: true, settings: { staleDays: 30 } }, null);
  });

  it("saves under the rule's current id when the form names an alias", async () => {
    await saveRuleSettingsAction({ status: "idle" }, form({ ruleId: "old_test_rule", "setting.staleDays": "90", "setting.publishers": "094274105915" }));
    expect(db.saveRuleSetting).toHaveBeenCalledWith("test_rule", { enabled: false, settings: {} }, null);
  });

  it("rejects a bad value: nothing saved, errors by setting, what was typed kept", async () => {
    const state = await saveRuleSettingsAction(
      { status: "idle" },
      form({ ruleId: "test_rule", intent: "save", enabled: "on", "setting.staleDays": "0", "setting.publishers": "nope" }),
    );
    expect(db.saveRuleSetting).not.toHaveBeenCalled();
    expect(state.status).toBe("invalid");
    if (state.status !== "invalid") return;
    expect(Object.keys(state.fieldErrors).sort()).toEqual(["publishers", "staleDays"]);
    expect(state.values).toEqual({ enabled: true, settings: { staleDays: "0", publishers: "nope" } });
  });

  it("reset forgets the saved settings and keeps whether the rule runs", async () => {
    db.getRuleSettings.mockResolvedValueOnce(new Map([["test_rule", { enabled: false, settings: { staleDays: 30 } }]]));
    const state = await saveRuleSettingsAction({ status: "idle" }, form({ ruleId: "test_rule", intent: "reset", "setting.staleDays": "not read" }));
    expect(state.status).toBe("saved");
    expect(db.saveRuleSetting).toHaveBeenCalledWith("test_rule", { enabled: false, settings: {} }, null);
  });

  it("a rule without settings can be disabled", async () => {
    const state = await saveRuleSettingsAction({ status: "idle" }, form({ ruleId: "plain_rule", intent: "save" }));
    expect(state).toMatchObject({ status: "saved", message: expect.stringContaining("no longer run") });
    expect(db.saveRuleSetting).toHaveBeenCalledWith("plain_rule", { enabled: false, settings: {} }, null);
  });

  it.each(["no_such_rule", "../../etc", ""])("refuses rule id %j", async (ruleId) => {
    const state = await saveRuleSettingsAction({ status: "idle" }, form({ ruleId, intent: "save", enabled: "on" }));
    expect(state.status).toBe("invalid");
    expect(db.saveRuleSetting).not.toHaveBeenCalled();
  });
});

describe("saveTrustSettingsAction", () => {
  it("saves the parsed lists", async () => {
    const state = await saveTrustSettingsAction(
      { status: "idle" },
      form({ trustedAccountIds: "111122223333\n444455556666\n", trustedOrganizationIds: "o-a1b2c3d4e5" }),
    );
    expect(state).toMatchObject({ status: "saved", message: expect.stringContaining("2 trusted accounts and 1 trusted organization") });
    expect(db.saveInstallationSettings).toHaveBeenCalledWith({ trustedAccountIds: ["111122223333", "444455556666"], trustedOrganizationIds: ["o-a1b2c3d4e5"] }, null);
  });

  it("rejects a bad id: nothing saved, the error on its field, what was typed kept", async () => {
    const typed = { trustedAccountIds: "111122223333\n1234", trustedOrganizationIds: "o-a1b2c3d4e5" };
    const state = await saveTrustSettingsAction({ status: "idle" }, form(typed));
    expect(db.saveInstallationSettings).not.toHaveBeenCalled();
    expect(state.status).toBe("invalid");
    if (state.status !== "invalid") return;
    expect(Object.keys(state.fieldErrors)).toEqual(["trustedAccountIds"]);
    expect(state.fieldErrors.trustedAccountIds?.[0]).toContain("“1234”");
    expect(state.values).toEqual(typed);
  });
});
