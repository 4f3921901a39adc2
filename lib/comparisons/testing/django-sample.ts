/**
 * The upload the creation tests send (lib/comparisons unit tests and the HTTP
 * integration tests): a Django app with sqlite and a dev server in development,
 * PostgreSQL, Redis and a published secret or two in production. Every secret in it
 * is listed in SAMPLE_SECRETS, so a test can assert none of them is ever stored or
 * answered in plaintext.
 */
export const SAMPLE_SECRETS = ["s3cr3t-DJANGO-value-XYZ", "pa55-word-QQ", "Zr8uQm2XkP4wLs9Vt6NbYc3H", "redis-Pa55-XJ7", "inline-Secret-Content-77"] as const;

export const DEV_COMPOSE = `services:
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
    ports: ["8000:8000"]
    env_file: .env
    environment:
      DATABASE_URL: sqlite:///db.sqlite3
    volumes: [".:/app"]
`;
export const DEV_ENV = "DEBUG=1\nSECRET_KEY=s3cr3t-DJANGO-value-XYZ\n";
export const PROD_COMPOSE = `services:
  web:
    image: example/app:1.2
    command: gunicorn app.wsgi --bind 0.0.0.0:8000
    ports: ["80:8000"]
    env_file: .env.prod
    environment:
      DATABASE_URL: postgres://app:pa55-word-QQ@db/app
      STRIPE_API_KEY: \${STRIPE_API_KEY}
    depends_on: [db, cache]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: pa55-word-QQ
  cache:
    image: redis:7
    command: ["redis-server", "--requirepass", "redis-Pa55-XJ7"]
configs:
  app_settings:
    content: |
      password: inline-Secret-Content-77
`;
export const PROD_ENV = "SECRET_KEY=s3cr3t-DJANGO-value-XYZ\nSTRIPE_API_KEY=Zr8uQm2XkP4wLs9Vt6NbYc3H\n";

export interface SampleUploadOptions {
  /** the production compose file's name, path (`as`) and content */
  prodComposeName?: string;
  prodComposeAs?: string;
  prodComposeContent?: string;
}

/** `{ title, environments: [dev, prod] }` as POST /api/comparisons takes it. */
export function sampleUpload({ prodComposeName = "docker-compose.prod.yml", prodComposeAs, prodComposeContent = PROD_COMPOSE }: SampleUploadOptions = {}) {
  return {
    title: "Django app",
    environments: [
      { name: "dev", files: [{ name: "docker-compose.yml", content: DEV_COMPOSE }, { name: ".env", content: DEV_ENV }] },
      {
        name: "prod",
        role: "production" as const,
        files: [
          { name: prodComposeName, ...(prodComposeAs ? { as: prodComposeAs } : {}), content: prodComposeContent },
          { name: "prod.env-sample", as: ".env.prod", content: PROD_ENV },
        ],
      },
    ],
  };
}
