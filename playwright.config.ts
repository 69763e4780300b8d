import { defineConfig } from '@playwright/test';

// Browsers come from the system (/usr/bin/chromium, see e2e/fixtures.ts): no projects, so
// Playwright never asks for a browser download.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
});
