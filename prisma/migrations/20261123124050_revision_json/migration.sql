-- AlterTable
ALTER TABLE "revision" ALTER COLUMN "result" SET DATA TYPE JSON,
ALTER COLUMN "models" SET DATA TYPE JSON;

-- the default keeps its old type through ALTER TYPE: set it again as json
ALTER TABLE "revision" ALTER COLUMN "models" SET DEFAULT '{}';
