# syntax=docker/dockerfile:1
# Lantern: one image for both roles.
#   web:    node /app/.next/standalone/server.js   (the default CMD; Next.js `output: "standalone"`)
#   worker: node --import tsx lib/jobs/worker.ts    (`npm run worker` as one process; runs the TypeScript sources)
# docker/entrypoint.sh applies the database migrations first when RUN_MIGRATIONS=1.
#
# Build:  docker build -t lantern .        (or `docker compose build`, see docs/self-hosting.md)

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
# No telemetry or update checks from Next.js and the Prisma CLI, at build time or at run time.
ENV NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1

# ---- deps: node_modules and the generated Prisma client ---------------------------------------------
FROM base AS deps
# Prisma's CLI and the @prisma/engines postinstall try to download native engines from Prisma's binary
# host. Lantern never runs them (the client uses the wasm query compiler, migrations the wasm schema
# engine, see scripts/prisma-migrate.mjs); pointing both variables at an existing stub stops the download.
ENV PRISMA_SCHEMA_ENGINE_BINARY=/app/prisma/no-engine.sh \
    PRISMA_QUERY_ENGINE_LIBRARY=/app/prisma/no-engine.sh
# The postinstall script runs `prisma generate`, which needs the schema and the Prisma config: copy them
# with the manifests so this layer is rebuilt only when dependencies or the schema change.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

# ---- build: the Next.js standalone server ------------------------------------------------------------
FROM deps AS build
COPY . .
# The standalone server serves static assets only from its own directory, so .next/static and public/
# are copied into it (Next.js docs, "output"). .next/cache only speeds up a later `next build`.
RUN npm run db:generate \
 && LANTERN_STANDALONE=1 npm run build \
 && cp -R .next/static .next/standalone/.next/static \
 && if [ -d public ]; then cp -R public .next/standalone/public; fi \
 && rm -rf .next/cache

# ---- runtime -----------------------------------------------------------------------------------------
FROM base AS runtime
# The whole app directory, not just .next/standalone: the worker runs the TypeScript sources through tsx,
# and migrations need the prisma6 CLI and @prisma/adapter-pg from the full node_modules. Devdependencies
# stay because the migration CLI (prisma6) is one; the image is larger, but one image serves every role.
COPY --from=build /app /app
# Files stay owned by root (the app cannot rewrite its own code). Writable for the unprivileged user:
# prisma/.migrate (db:deploy writes the prisma6 schema copy there) and the standalone server's .next
# directory (Next.js writes its cache under it).
RUN mkdir -p prisma/.migrate .next/standalone/.next/cache \
 && chown -R node:node prisma/.migrate .next/standalone/.next
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0
# The node image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# Through sh so the entrypoint works even when the executable bit was lost (e.g. a Windows checkout).
ENTRYPOINT ["/bin/sh", "/app/docker/entrypoint.sh"]
CMD ["node", "/app/.next/standalone/server.js"]
