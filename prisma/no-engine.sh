#!/bin/sh
# Stand-in for Prisma's native engines, which are downloaded from Prisma's binary download host
# (unreachable offline). Pointing PRISMA_SCHEMA_ENGINE_BINARY / PRISMA_QUERY_ENGINE_LIBRARY at this
# file stops the CLI's start-up download; nothing we run ever executes it.
echo "prisma native engine is not available offline (see scripts/prisma-migrate.mjs)" >&2
exit 1
