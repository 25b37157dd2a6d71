// Integration tests run against the real Postgres (a fresh database `lantern_it`) and a private moto
// server. Each test file then uses its own moto account (x-moto-account-id) for isolation.
import type { TestProject } from "vitest/node";
import { recreateDatabase } from "../support/test-db";
import { startMoto, type Moto } from "../support/moto";

let moto: Moto | undefined;

export default async function setup(project: TestProject) {
  const url = process.env.LANTERN_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/lantern_it";
  await recreateDatabase(url);
  moto = await startMoto();
  project.provide("databaseUrl", url);
  project.provide("motoEndpoint", moto.endpoint);
  return async () => {
    await moto?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    motoEndpoint: string;
  }
}
