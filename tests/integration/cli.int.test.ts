// `lantern scan` as a CI pipeline uses it: JSON findings file and exit code from --fail-on.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDemoEstate, type DemoManifest } from "@/scripts/demo-estate/estate";
import { randomAccountId } from "../support/moto";
import { main, EXIT } from "@/scripts/lantern";
import { prisma } from "@/lib/db/client";
import { expectCompleteBesidesGaps } from "../support/emulator-gaps";

describe("lantern CLI", () => {
  const accountId = randomAccountId();
  let manifest: DemoManifest;
  const dir = mkdtempSync(join(tmpdir(), "lantern-cli-"));

  beforeAll(async () => {
    manifest = await seedDemoEstate({ endpoint: inject("motoEndpoint"), accountId, regions: ["us-east-1", "eu-west-1"] });
  }, 120_000);
  afterAll(async () => {
    await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
  });

  it("rejects bad usage with exit code 2", async () => {
    expect(await main(["scan", "--fail-on", "urgent"])).toBe(EXIT.usage);
    expect(await main(["scan", "--account", "12345"])).toBe(EXIT.usage);
    expect(await main(["scan", "--account", accountId])).toBe(EXIT.usage); // not configured yet
    expect(await main(["frobnicate"])).toBe(EXIT.usage);
  });

  it("adds the account, scans it, writes findings JSON and fails on critical findings", async () => {
    expect(await main(["accounts", "add", "--id", accountId, "--name", "CLI estate", "--regions", manifest.regions.join(",")])).toBe(EXIT.ok);
    const file = join(dir, "findings.json");
    const code = await main(["scan", "--account", accountId, "--json", file, "--fail-on", "critical"]);
    expect(code).toBe(EXIT.findings);
    const doc = JSON.parse(readFileSync(file, "utf8"));
    expect(doc.scans).toHaveLength(1);
    expectCompleteBesidesGaps(doc.scans[0]);
    const lx01 = doc.findings.filter((f: { ruleId: string }) => f.ruleId === "lambda_function_not_publicly_accessible");
    expect(lx01.map((f: { resourceArn: string }) => f.resourceArn).sort()).toEqual([...manifest.planted.publicPolicy].sort());
    for (const f of doc.findings) {
      expect(f).toEqual(
        expect.objectContaining({
          ruleId: expect.any(String),
          severity: expect.stringMatching(/^(critical|high|medium|low|informational)$/),
          status: "open",
          resourceArn: expect.stringMatching(/^arn:aws:/),
          accountId,
          region: expect.stringMatching(/^(us-east-1|eu-west-1|global)$/),
          title: expect.any(String),
        }),
      );
    }
  });

  it("passes when no finding reaches the threshold", async () => {
    // nothing in the catalogue so far is informational-only, so a threshold above every open finding
    // cannot be expressed; instead scan a region with no functions at all.
    const empty = randomAccountId();
    expect(await main(["accounts", "add", "--id", empty, "--name", "Empty", "--regions", "ap-southeast-2"])).toBe(EXIT.ok);
    expect(await main(["scan", "--account", empty, "--fail-on", "low"])).toBe(EXIT.ok);
    await prisma.account.delete({ where: { id: empty } });
  });
});
