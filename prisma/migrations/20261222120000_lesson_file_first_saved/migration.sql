-- AlterTable
ALTER TABLE "LessonFile" ADD COLUMN "firstSavedAt" DATETIME;
