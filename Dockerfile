FROM node:20.20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev
ENV NODE_ENV=development HOST=0.0.0.0 DATA_DIR=/data
EXPOSE 3000
CMD ["node", "dist/apps/analytics-api/src/main.js"]
