import { mkdir } from "node:fs/promises";
import type { Page, TestInfo } from "@playwright/test";

export const SCREENSHOT_DIR = "test-results/screenshots";

/** Full-page screenshot, attached to the report and kept at test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
