/**
 * "Try an example": a small Django shop as teams really ship it — sqlite, runserver,
 * DEBUG=1, the source bind-mounted and Mailpit in development; PostgreSQL 16, gunicorn,
 * DEBUG=0 and SECRET_KEY from the deploy environment in production. Both environments
 * share `docker-compose.yml`; each has its own override file and `.env` (uploaded as
 * `.env.dev` / `.env.prod`, known to compose as `.env`).
 *
 * `django.test.ts` checks that comparing it still yields the sqlite-vs-PostgreSQL gap
 * and a production free of development patterns, so the example stays meaningful.
 */
import type { Role } from "@/lib/parity/roles";

export interface ExampleFile {
  name: string;
  as?: string;
  content: string;
}

export interface ExampleEnvironment {
  name: string;
  role: Role;
  files: ExampleFile[];
}

export interface Example {
  title: string;
  environments: ExampleEnvironment[];
}

const BASE = `# Shared by every environment; docker-compose.override.yml (development) or
# docker-compose.prod.yml (production) is layered on top.
name: shop

services:
  web:
    build:
      context: .
      dockerfile: Dockerfile
    env_file: .env
    ports:
      - "8000:8000"
`;

const OVERRIDE = `# Development: docker compose up (the override file is picked up automatically)
services:
  web:
    command: python manage.py runserver 0.0.0.0:8000
    volumes:
      - .:/app
    environment:
      DJANGO_SETTINGS_MODULE: shop.settings
    depends_on:
      - mailpit

  mailpit:
    image: axllent/mailpit:v1.21
    ports:
      - "8025:8025"
      - "1025:1025"
`;

const ENV_DEV = `# Development settings, read by shop/settings.py through django-environ
DEBUG=1
SECRET_KEY=django-insecure-8v1q-local-only-change-me
ALLOWED_HOSTS=localhost,127.0.0.1
DATABASE_URL=sqlite:///db.sqlite3
EMAIL_URL=smtp://mailpit:1025
`;

const PROD = `# Production: docker compose -f docker-compose.yml -f docker-compose.prod.yml up -d
services:
  web:
    command: gunicorn shop.wsgi:application --bind 0.0.0.0:8000 --workers 3 --access-logfile -
    environment:
      DJANGO_SETTINGS_MODULE: shop.settings
      # set in the deploy environment (CI secrets), never committed
      SECRET_KEY:
      DATABASE_URL:
    depends_on:
      db:
        condition: service_healthy
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"]
      interval: 30s
      timeout: 5s
      retries: 3

  db:
    image: postgres:16
    environment:
      POSTGRES_DB: shop
      POSTGRES_USER: shop
      POSTGRES_PASSWORD:
    volumes:
      - pgdata:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U shop -d shop"]
      interval: 10s
      timeout: 5s
      retries: 5
    restart: unless-stopped

volumes:
  pgdata:
`;

const ENV_PROD = `# Production settings (secrets come from the deploy environment, not this file)
DEBUG=0
ALLOWED_HOSTS=shop.example.com
EMAIL_URL=smtp+tls://smtp.mailgun.org:587
`;

export const DJANGO_EXAMPLE: Example = {
  title: "Django shop: development vs production",
  environments: [
    {
      name: "development",
      role: "development",
      files: [
        { name: "docker-compose.yml", content: BASE },
        { name: "docker-compose.override.yml", content: OVERRIDE },
        { name: ".env.dev", as: ".env", content: ENV_DEV },
      ],
    },
    {
      name: "production",
      role: "production",
      files: [
        { name: "docker-compose.yml", content: BASE },
        { name: "docker-compose.prod.yml", content: PROD },
        { name: ".env.prod", as: ".env", content: ENV_PROD },
      ],
    },
  ],
};
