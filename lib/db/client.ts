// The one Prisma client of the process. Only lib/db/* imports it.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "../env";

const globalForPrisma = globalThis as unknown as { lanternPrisma?: PrismaClient };

function create() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
}

export const prisma: PrismaClient = globalForPrisma.lanternPrisma ?? create();
if (env().NODE_ENV !== "production") globalForPrisma.lanternPrisma = prisma;

export type Db = PrismaClient;
