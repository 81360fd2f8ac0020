# The ECS Dojo app for docker compose (see README, "Self-hosting").
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# The ecs-dojo command (bin/, a file: dependency npm links into node_modules/.bin): npm ci needs it.
COPY bin/ bin/
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/db.mjs generate && node node_modules/next/dist/bin/next build && node scripts/compile-hints.mjs
EXPOSE 3000
# npm start applies pending migrations, skips the build (already done above) and serves on PORT.
CMD ["npm", "start"]
