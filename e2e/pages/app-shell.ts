// The parts of every page: the main navigation.
import type { Page } from "@playwright/test";

export type Section = "Overview" | "Findings" | "Inventory" | "Accounts & scans" | "Settings";

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

export async function navigateTo(page: Page, section: Section) {
  await mainNav(page).getByRole("link", { name: section, exact: true }).click();
}
