-- AlterTable
ALTER TABLE "LessonProgress" ADD COLUMN "runs" TEXT;
