# Production-like image: Node 20, runs the TypeScript sources through tsx (no build step).
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production DOTENV_CONFIG_QUIET=true
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "bin/pintu.js", "start"]
