-- AlterTable
ALTER TABLE "revision" ADD COLUMN     "models" JSONB NOT NULL DEFAULT '{}';
