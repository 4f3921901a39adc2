/**
 * A small dev/prod pair for the result-page tests: a Django dev server with a
 * literal secret and DEBUG on in development, an image and PostgreSQL in production.
 */
export const SMALL_DEV_COMPOSE = `services:
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
    environment:
      SECRET_KEY: s3cr3t-DJANGO-value-XYZ
      DEBUG: "1"
`;
export const SMALL_PROD_COMPOSE = `services:
  web:
    image: example/app:1.2
    command: gunicorn app.wsgi
    environment:
      SECRET_KEY: s3cr3t-DJANGO-value-XYZ
    depends_on: [db]
  db:
    image: postgres:16
`;

/** The body of POST /api/comparisons for the pair (`prodCompose` replaces production's file). */
export function smallPairUpload(prodCompose = SMALL_PROD_COMPOSE) {
  return {
    environments: [
      { name: "dev", files: [{ name: "docker-compose.yml", content: SMALL_DEV_COMPOSE }] },
      { name: "prod", files: [{ name: "docker-compose.prod.yml", content: prodCompose }] },
    ],
  };
}
