import { type Locator, type Page } from "@playwright/test";

export class FindingDetailPage {
  readonly title: Locator;
  readonly remediation: Locator;
  readonly evidence: Locator;
  readonly resource: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
    this.remediation = page.getByRole("region", { name: "How to fix it" });
    this.evidence = page.getByRole("region", { name: "Evidence" });
    this.resource = page.getByRole("region", { name: "Resource" });
  }

  /** A remediation code sample ("AWS CLI", "CloudFormation", "Terraform") with its copy button. */
  codeBlock(label: string) {
    const block = this.remediation.getByRole("figure").filter({ has: this.page.getByText(label, { exact: true }) });
    return { block, code: block.locator("pre"), copy: block.getByRole("button", { name: `Copy ${label}`, exact: true }) };
  }

  /** The suppress form (or, once suppressed, the suppression with its revoke button). */
  suppressPanel(): Locator {
    return this.page.getByRole("region", { name: /^Suppress(ion)?$/ });
  }

  async suppress(opts: { reason: string; expires?: string }) {
    const panel = this.suppressPanel();
    await panel.getByLabel("This resource only").check();
    await panel.getByLabel("Reason").fill(opts.reason);
    if (opts.expires) await panel.getByLabel("Expires (optional)").fill(opts.expires);
    await panel.getByRole("button", { name: "Suppress" }).click();
  }

  offendingStatements(): Locator {
    return this.evidence.getByText("Offending statement");
  }
}
